package economics

import (
	"errors"
	"fmt"
	"strings"
)

// Escalation is who a tripped breaker hands the decision to.
type Escalation int

// The escalations, in the order of the trust ladder.
const (
	EscalateNone Escalation = iota
	EscalateJudge
	EscalateHuman
)

// String returns the escalation word.
func (e Escalation) String() string {
	switch e {
	case EscalateNone:
		return "NONE"
	case EscalateJudge:
		return "JUDGE"
	case EscalateHuman:
		return "HUMAN"
	}
	return fmt.Sprintf("Escalation(%d)", int(e))
}

// ParseEscalation reads "none", "judge" or "human" (exactly, lower case).
func ParseEscalation(s string) (Escalation, error) {
	switch s {
	case "none":
		return EscalateNone, nil
	case "judge":
		return EscalateJudge, nil
	case "human":
		return EscalateHuman, nil
	}
	return EscalateNone, fmt.Errorf("on-trip must be none, judge or human, got %q", s)
}

// Tripped says which limit opened a breaker.
type Tripped int

// The limits a breaker trips on.
const (
	NotTripped Tripped = iota
	TrippedConsecutive
	TrippedTotal
)

// String returns "consecutive", "total", or "" when not tripped.
func (t Tripped) String() string {
	switch t {
	case TrippedConsecutive:
		return "consecutive"
	case TrippedTotal:
		return "total"
	}
	return ""
}

// BreakerPolicy holds a breaker's limits; 0 disables a limit.
type BreakerPolicy struct {
	MaxConsecutive int64
	MaxTotal       int64
	OnTrip         Escalation
}

// DefaultBreaker opens on 3 failures in a row or 20 in all.
var DefaultBreaker = BreakerPolicy{MaxConsecutive: 3, MaxTotal: 20}

// Validate refuses negative limits and a breaker with both disabled.
func (p BreakerPolicy) Validate() error {
	if p.MaxConsecutive < 0 || p.MaxTotal < 0 {
		return errors.New("max-consecutive and max-total must not be negative")
	}
	if p.MaxConsecutive == 0 && p.MaxTotal == 0 {
		return errors.New("max-consecutive and max-total are both 0: a breaker that can never open")
	}
	return nil
}

// Counts are a breaker's failure tallies.
type Counts struct {
	// Consecutive is failures since the last success.
	Consecutive int64
	// Total is failures ever.
	Total int64
}

// Fail records one failure: both counts go up.
func (c Counts) Fail() Counts { return Counts{Consecutive: c.Consecutive + 1, Total: c.Total + 1} }

// Succeed records one success: the streak resets, the total stays (a
// breaker opened on its total stays open).
func (c Counts) Succeed() Counts { return Counts{Total: c.Total} }

// BreakerVerdict is a breaker's state.
type BreakerVerdict struct {
	Open       bool
	TrippedOn  Tripped
	Escalation Escalation
	Reason     string
}

// State is "OPEN" or "CLOSED".
func (v BreakerVerdict) State() string {
	if v.Open {
		return "OPEN"
	}
	return "CLOSED"
}

// ClassifyBreaker opens on the consecutive limit first, then on the total.
func ClassifyBreaker(c Counts, p BreakerPolicy) BreakerVerdict {
	var v BreakerVerdict
	switch {
	case p.MaxConsecutive > 0 && c.Consecutive >= p.MaxConsecutive:
		v = BreakerVerdict{Open: true, TrippedOn: TrippedConsecutive, Escalation: p.OnTrip,
			Reason: fmt.Sprintf("%d failures in a row reach the limit of %d: a sustained failure streak", c.Consecutive, p.MaxConsecutive)}
	case p.MaxTotal > 0 && c.Total >= p.MaxTotal:
		v = BreakerVerdict{Open: true, TrippedOn: TrippedTotal, Escalation: p.OnTrip,
			Reason: fmt.Sprintf("%d failures in all reach the limit of %d: flapping (failing on and off without settling)", c.Total, p.MaxTotal)}
	default:
		return BreakerVerdict{Reason: fmt.Sprintf("%d in a row and %d in all, under the limits (%s, %s): closed",
			c.Consecutive, c.Total, limit(p.MaxConsecutive, "in a row"), limit(p.MaxTotal, "in all"))}
	}
	if v.Escalation != EscalateNone {
		v.Reason += "; escalate to " + v.Escalation.String()
	}
	return v
}

func limit(n int64, what string) string {
	if n == 0 {
		return "no limit " + what
	}
	return fmt.Sprintf("%d %s", n, strings.TrimSpace(what))
}

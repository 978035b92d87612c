package economics

import (
	"fmt"
	"strings"
)

// WorkKind is the dominant kind of work an iteration landed.
type WorkKind int

// The work kinds, most valuable to an operator first.
const (
	// KindShipped: the oracle verified at least one unit closed.
	KindShipped WorkKind = iota
	// KindCaught: no ship, but a false claim was refuted.
	KindCaught
	// KindAdvanced: commits landed, no unit closed.
	KindAdvanced
	// KindGroomed: only bookkeeping (grooms, unblocks).
	KindGroomed
	// KindSurfaced: only decisions raised for an operator.
	KindSurfaced
	// KindIdle: nothing witnessed.
	KindIdle
)

// String returns the verdict word.
func (k WorkKind) String() string {
	switch k {
	case KindShipped:
		return "SHIPPED"
	case KindCaught:
		return "CAUGHT"
	case KindAdvanced:
		return "ADVANCED"
	case KindGroomed:
		return "GROOMED"
	case KindSurfaced:
		return "SURFACED"
	case KindIdle:
		return "IDLE"
	}
	return fmt.Sprintf("WorkKind(%d)", int(k))
}

// Account is one iteration's work by kind. Every count but ClaimedShips is
// what a witness recorded; ClaimedShips is the agent's own word, carried
// only so the gap stays visible.
type Account struct {
	VerifiedShips  int64
	ClaimedShips   int64
	Catches        int64
	AdvanceCommits int64
	Grooms         int64
	Unblocks       int64
	Surfaced       int64
}

// Overclaim is the claimed ships neither verified nor caught (never
// negative).
func (a Account) Overclaim() int64 {
	return max(0, a.ClaimedShips-a.VerifiedShips-a.Catches)
}

// Headline lists the non-zero kinds in precedence order ("1 pick shipped ·
// 4 commits advanced"), or "idle".
func (a Account) Headline() string {
	var parts []string
	add := func(n int64, one, many string) {
		if n == 0 {
			return
		}
		w := one
		if n != 1 {
			w = many
		}
		parts = append(parts, fmt.Sprintf("%d %s", n, w))
	}
	add(a.VerifiedShips, "pick shipped", "picks shipped")
	add(a.Catches, "false claim caught", "false claims caught")
	add(a.AdvanceCommits, "commit advanced", "commits advanced")
	add(a.Grooms, "groom", "grooms")
	add(a.Unblocks, "unblock", "unblocks")
	add(a.Surfaced, "decision surfaced", "decisions surfaced")
	if len(parts) == 0 {
		return "idle"
	}
	return strings.Join(parts, " · ")
}

// WorkVerdict is the account's dominant kind.
type WorkVerdict struct {
	Verdict WorkKind
	Reason  string
}

// ClassifyWork names the first kind the account has evidence for: shipped,
// caught, advanced, groomed, surfaced, else idle. Claims alone never count;
// unadjudicated claims are named in the reason whatever the verdict.
func ClassifyWork(a Account) WorkVerdict {
	tail := ""
	if n := a.Overclaim(); n > 0 {
		tail = fmt.Sprintf(" (%d claimed ship%s unadjudicated)", n, plural(n))
	}
	k := KindIdle
	switch {
	case a.VerifiedShips > 0:
		k = KindShipped
	case a.Catches > 0:
		k = KindCaught
	case a.AdvanceCommits > 0:
		k = KindAdvanced
	case a.Grooms > 0 || a.Unblocks > 0:
		k = KindGroomed
	case a.Surfaced > 0:
		k = KindSurfaced
	}
	if k == KindIdle {
		return WorkVerdict{KindIdle, "no witnessed work this iteration" + tail}
	}
	return WorkVerdict{k, a.Headline() + tail}
}

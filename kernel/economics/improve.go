package economics

import (
	"errors"
	"fmt"
	"math"
)

// Candidate is the keep-gate's verdict on one self-improvement.
type Candidate int

// The keep-gate verdicts.
const (
	// Keep: green suite, clean truth, a measured gain worth its spend.
	Keep Candidate = iota
	// Revert: undo the candidate.
	Revert
	// Escalate: undo it, and stop: too many candidates in a row failed.
	Escalate
)

// String returns the verdict word.
func (c Candidate) String() string {
	switch c {
	case Keep:
		return "KEEP"
	case Revert:
		return "REVERT"
	case Escalate:
		return "ESCALATE"
	}
	return fmt.Sprintf("Candidate(%d)", int(c))
}

// RevertCause says why a candidate was not kept.
type RevertCause int

// The revert causes.
const (
	NoCause RevertCause = iota
	// Regressed: the suite is red or the truth check is dirty.
	Regressed
	// NoImprovement: the metric did not beat the baseline.
	NoImprovement
	// WastefulGain: the metric improved, but the spend failed the
	// efficiency check.
	WastefulGain
)

// String returns the cause word, or "" for none.
func (c RevertCause) String() string {
	switch c {
	case Regressed:
		return "regressed"
	case NoImprovement:
		return "no-improvement"
	case WastefulGain:
		return "wasteful"
	}
	return ""
}

// ImprovePolicy holds the keep-gate's thresholds.
type ImprovePolicy struct {
	// MaxReverts is how many non-keeps in a row escalate (at least 1).
	MaxReverts int64
	// EfficiencyFloor and MinTokens are handed to the efficiency check of
	// an improving candidate.
	EfficiencyFloor float64
	MinTokens       int64
}

// DefaultImprove escalates on the third non-keep in a row; the efficiency
// check has no floor.
var DefaultImprove = ImprovePolicy{MaxReverts: 3, MinTokens: 1000}

// Validate refuses a limit under 1 and negative thresholds.
func (p ImprovePolicy) Validate() error {
	if p.MaxReverts < 1 {
		return errors.New("max-reverts must be at least 1")
	}
	if p.MinTokens < 0 {
		return errors.New("min-tokens must not be negative")
	}
	if p.EfficiencyFloor < 0 || math.IsNaN(p.EfficiencyFloor) || math.IsInf(p.EfficiencyFloor, 0) {
		return errors.New("efficiency-floor must be a finite number, not negative")
	}
	return nil
}

// CandidateEvidence is what the environment measured about a candidate.
type CandidateEvidence struct {
	SuitePassed bool
	TruthClean  bool
	// Work and Baseline are the metric after and before the candidate.
	Work, Baseline int64
	// Tokens is what proposing the candidate cost.
	Tokens int64
	// ConsecutiveReverts is the carried count of non-keeps in a row.
	ConsecutiveReverts int64
}

// Delta is the metric's change.
func (e CandidateEvidence) Delta() int64 { return e.Work - e.Baseline }

// Improved reports a strict gain.
func (e CandidateEvidence) Improved() bool { return e.Work > e.Baseline }

// CandidateVerdict is the keep-gate's answer.
type CandidateVerdict struct {
	Verdict    Candidate
	Cause      RevertCause
	Escalation Escalation
	// NextConsecutiveReverts is the count to carry into the next candidate:
	// 0 after a keep, one more after anything else.
	NextConsecutiveReverts int64
	Reason                 string
	// Efficiency is the efficiency check of the gain; nil when the
	// candidate never reached it (regressed, or no gain).
	Efficiency *EfficiencyVerdict
}

// ClassifyCandidate is the keep-gate. A red suite or dirty truth check is
// a revert (regressed) before anything else; a strict gain whose spend the
// efficiency check accepts (on the gain, not the whole metric) is a keep;
// anything else is a revert (wasteful, or no improvement). A revert that
// brings the carried count to MaxReverts escalates to a human instead.
func ClassifyCandidate(e CandidateEvidence, p ImprovePolicy) CandidateVerdict {
	next := e.ConsecutiveReverts + 1
	revert := func(cause RevertCause, why string, eff *EfficiencyVerdict) CandidateVerdict {
		v := CandidateVerdict{Verdict: Revert, Cause: cause, NextConsecutiveReverts: next, Efficiency: eff}
		if next >= p.MaxReverts {
			v.Verdict, v.Escalation = Escalate, EscalateHuman
			v.Reason = fmt.Sprintf("%s; that is %d candidates in a row not kept (limit %d): revert and escalate to a human", why, next, p.MaxReverts)
			return v
		}
		v.Reason = fmt.Sprintf("%s: revert (%d/%d in a row)", why, next, p.MaxReverts)
		return v
	}
	if !e.SuitePassed || !e.TruthClean {
		why := "the test suite is RED"
		if e.SuitePassed {
			why = "the truth check is DIRTY (verify or commit-audit refused)"
		}
		return revert(Regressed, "the candidate regressed: "+why, nil)
	}
	if !e.Improved() {
		why := fmt.Sprintf("no improvement: the metric stayed flat at %d", e.Work)
		if e.Work < e.Baseline {
			why = fmt.Sprintf("no improvement: the metric fell from %d to %d", e.Baseline, e.Work)
		}
		return revert(NoImprovement, why, nil)
	}
	eff := ClassifyEfficiency(e.Delta(), e.Tokens, EfficiencyPolicy{MinTokens: p.MinTokens, Floor: p.EfficiencyFloor})
	if eff.Verdict != Efficient {
		return revert(WastefulGain, fmt.Sprintf("the metric rose from %d to %d, but the spend is %s (%s)", e.Baseline, e.Work, eff.Verdict, eff.Reason), &eff)
	}
	return CandidateVerdict{Verdict: Keep, Escalation: EscalateNone, Efficiency: &eff,
		Reason: fmt.Sprintf("suite green, truth clean, and the metric rose from %d to %d (+%d): keep", e.Baseline, e.Work, e.Delta())}
}

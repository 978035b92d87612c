package resume

import (
	"fmt"
	"math"

	"github.com/dispatchos/dos/kernel/ledger"
)

// Completion is complete's answer.
type Completion int

// The completion states.
const (
	CompleteDone Completion = iota + 1
	Incomplete
	Indeterminate
)

// String returns the state word.
func (c Completion) String() string {
	switch c {
	case CompleteDone:
		return "COMPLETE"
	case Incomplete:
		return "INCOMPLETE"
	case Indeterminate:
		return "INDETERMINATE"
	}
	return fmt.Sprintf("Completion(%d)", int(c))
}

// Done is the forward framing of a resume plan: residual = declared −
// verified.
type Done struct {
	State    Completion
	Reason   string
	Declared int
	Verified int
	Residual []string
	// Fraction is verified/declared rounded to 4 places; nil when no
	// steps were declared.
	Fraction *float64
}

// Frame turns a resume plan into complete's answer: COMPLETE stays
// COMPLETE, RESUMABLE and DIVERGED are INCOMPLETE, UNRESUMABLE is
// INDETERMINATE.
func Frame(st *ledger.State, p Plan) Done {
	d := Done{Declared: len(st.DeclaredSteps), Verified: len(p.Verified), Residual: p.Residual}
	if d.Residual == nil {
		d.Residual = []string{}
	}
	if d.Declared > 0 && p.Verdict != Unresumable {
		f := math.Round(float64(d.Verified)/float64(d.Declared)*10000) / 10000
		d.Fraction = &f
	}
	switch p.Verdict {
	case Complete:
		d.State, d.Reason = CompleteDone, p.Reason
	case Resumable:
		d.State = Incomplete
		d.Reason = fmt.Sprintf("%d residual: %d of %d declared steps verified against git", len(d.Residual), d.Verified, d.Declared)
		if d.Declared == 0 {
			d.Reason = "no steps were declared: the goal is residual"
		}
	case Diverged:
		d.State = Incomplete
		d.Reason = fmt.Sprintf("%d residual and the run diverged: %d of %d declared steps verified against git", len(d.Residual), d.Verified, d.Declared)
	default:
		d.State, d.Reason = Indeterminate, p.Reason
	}
	return d
}

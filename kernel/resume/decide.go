package resume

import (
	"fmt"
	"strings"

	"github.com/dispatchos/dos/kernel/ledger"
)

// Verdict is resume's answer.
type Verdict int

// The resume verdicts.
const (
	Resumable Verdict = iota + 1
	Complete
	Diverged
	Unresumable
)

// String returns the verdict word.
func (v Verdict) String() string {
	switch v {
	case Resumable:
		return "RESUMABLE"
	case Complete:
		return "COMPLETE"
	case Diverged:
		return "DIVERGED"
	case Unresumable:
		return "UNRESUMABLE"
	}
	return fmt.Sprintf("Verdict(%d)", int(v))
}

// Plan is resume's answer about a stopped run.
type Plan struct {
	Verdict Verdict
	Reason  string
	// Verified is the leading run of done steps in declared order.
	Verified []string
	// Residual is what is left: the declared steps after that run (a done
	// step after a hole is redone), or the goal when none were declared.
	Residual []string
	// ResumeSHA is where to re-enter: the commit of the last verified
	// step, else the start sha when it is in history, else "".
	ResumeSHA string
	// AlreadyProposed says a RESUME_PROPOSED is in the ledger.
	AlreadyProposed bool
	// ClaimedNotDone counts residual steps the run claimed that git does
	// not back as done.
	ClaimedNotDone int
}

// Decide is resume's ladder (first match wins):
//
//  1. a record of a newer ledger format: UNRESUMABLE;
//  2. no declared intent: UNRESUMABLE;
//  3. no declared steps: the goal is the residual; DIVERGED when
//     diverged, else RESUMABLE (such a run is never COMPLETE);
//  4. nothing residual: COMPLETE (before DIVERGED);
//  5. diverged: DIVERGED; else RESUMABLE.
//
// exists says the ledger file exists; steps come from [Adjudicate].
func Decide(st *ledger.State, steps []Step, c Checker, exists, diverged bool) Plan {
	p := Plan{AlreadyProposed: st.Proposed > 0}
	switch {
	case !exists:
		p.Verdict, p.Reason = Unresumable, "no intent ledger for this run: nothing to resume"
		return p
	case st.UnreadableNewer:
		p.Verdict, p.Reason = Unresumable, "the ledger holds records of a newer format: too old to read; migrate"
		return p
	case !st.HasIntent():
		p.Verdict, p.Reason = Unresumable, "no declared intent (no goal, plan or steps): nothing to resume"
		return p
	}
	safeStart := ""
	if c.InHistory(st.StartSHA) {
		safeStart = st.StartSHA
	}
	if len(st.DeclaredSteps) == 0 {
		goal := st.Goal
		if goal == "" && (st.Plan != "" || st.Phase != "") {
			goal = strings.TrimSpace(st.Plan + " " + st.Phase)
		}
		if goal == "" {
			goal = "(declared goal)"
		}
		p.Residual, p.ResumeSHA = []string{goal}, safeStart
		if diverged {
			p.Verdict, p.Reason = Diverged, "the run diverged; no steps were declared, so the whole goal is residual"
			return p
		}
		p.Verdict, p.Reason = Resumable, "no steps were declared: the whole goal is residual, re-enter at "+where(safeStart)
		return p
	}
	byID := map[string]Step{}
	for _, s := range steps {
		byID[s.ID] = s
	}
	p.ResumeSHA = safeStart
	i := 0
	for ; i < len(st.DeclaredSteps); i++ {
		s := byID[st.DeclaredSteps[i]]
		if !s.Done {
			break
		}
		p.Verified = append(p.Verified, s.ID)
		p.ResumeSHA = s.DoneSHA
	}
	p.Residual = append([]string{}, st.DeclaredSteps[i:]...)
	if p.Verified == nil {
		p.Verified = []string{}
	}
	for _, id := range p.Residual {
		if s := byID[id]; s.State != Pending && !s.Done {
			p.ClaimedNotDone++
		}
	}
	switch {
	case len(p.Residual) == 0:
		p.Verdict = Complete
		p.Reason = fmt.Sprintf("all %d declared steps verified against git", len(st.DeclaredSteps))
	case diverged:
		p.Verdict = Diverged
		p.Reason = fmt.Sprintf("the run diverged with %d of %d declared steps residual", len(p.Residual), len(st.DeclaredSteps))
	default:
		p.Verdict = Resumable
		p.Reason = fmt.Sprintf("%d of %d declared steps residual", len(p.Residual), len(st.DeclaredSteps))
		if p.ClaimedNotDone > 0 {
			p.Reason += fmt.Sprintf(" (%d claimed but not verified against git)", p.ClaimedNotDone)
		}
		p.Reason += ", re-enter at " + where(p.ResumeSHA)
	}
	return p
}

func where(sha string) string {
	if sha == "" {
		return "(start)"
	}
	return short(sha)
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

// Command is the continuation resume proposes for a RESUMABLE run: mint a
// child run id for the continuation, and what it must do. The reference
// proposed "dos loop dispatch --resume", a verb that does not exist.
func Command(runID string, p Plan) string {
	at := "(start)"
	if p.ResumeSHA != "" {
		at = short(p.ResumeSHA)
	}
	return fmt.Sprintf("dos run-id mint resume --parent %s  # re-enter at %s, do: %s", runID, at, strings.Join(p.Residual, ", "))
}

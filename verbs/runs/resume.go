package runs

import (
	"context"
	"fmt"
	"strings"

	"github.com/dispatchos/dos/call"
	kl "github.com/dispatchos/dos/kernel/ledger"
	"github.com/dispatchos/dos/kernel/resume"
)

// ResumeArgs are the inputs of resume.
type ResumeArgs struct {
	RunID    string `name:"run-id" help:"the stopped run (default: $CID_RUN_ID)"`
	Diverged bool   `name:"diverged" help:"the run went off course: answer DIVERGED unless it is complete"`
	NoRecord bool   `name:"no-record" help:"do not record RESUME_PROPOSED on the run's ledger"`
}

// Resume proposes how to continue a stopped run, re-checking its steps.
var Resume = call.Def{
	Path:  "resume",
	Short: "How should a stopped run continue? Its steps re-checked against git",
	Long: `USE THIS WHEN: a run stopped (halted, crashed, stalled) and you want to know
what is really done and where to pick it up.

resume replays the run's intent ledger and asks git about every step: a step
is done only if dos verified it (STEP_VERIFIED) and a commit recorded for it,
verified or claimed, is still in the history of HEAD, not reverted, not empty
and inside the step's region. Then (first match wins):

  UNRESUMABLE (4)  no ledger, no declared intent, or a ledger too new to read
  COMPLETE    (0)  every declared step is done
  DIVERGED    (3)  --diverged, and steps remain
  RESUMABLE   (0)  steps remain: re-enter at the last done step's commit

The verified steps are the leading run of done steps; a done step after a
hole is redone. A RESUMABLE answer is recorded once as RESUME_PROPOSED on the
run's ledger (--no-record skips it); nothing else is written.

Where dos differs from the reference: a step is accepted when either its
verified or its claimed commit stands (the reference ignored a good claim
behind a bad STEP_VERIFIED); the run id is checked before it names a
directory; predecessor_run_id and run_id are the run asked about; and the
proposed command is one that exists (dos run-id mint ... --parent), where the
reference proposed 'dos loop dispatch', a verb it never had.`,
	Example:  "  dos resume --run-id RID-1KSR49200000C1S\n  dos resume --run-id \"$RID\" --no-record --json",
	Toolset:  call.WriteSet,
	Class:    call.Write,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Resumable, &ResumeComplete, &Diverged, &Unresumable, &ResumeUnknown},
	Handler: &call.Typed[ResumeArgs, ResumeResult]{Fn: func(ctx context.Context, env *call.Env, a *ResumeArgs) (*call.Reply[ResumeResult], error) {
		id, _, f, err := openRun(ctx, env, a.RunID)
		if err != nil {
			return nil, err
		}
		p := f.plan(a.Diverged)
		body := newResumeResult(id, p)
		if p.Verdict == resume.Resumable && !a.NoRecord && !p.AlreadyProposed {
			rec := &kl.ResumeProposed{Predecessor: id, ResumeSHA: p.ResumeSHA, Residual: p.Residual}
			if err := f.ledger.Append(env.Now(), rec); err != nil {
				return nil, err
			}
			body.ProposedNow = true
		}
		v := resumeVerdict(p.Verdict)
		var b strings.Builder
		fmt.Fprintf(&b, "%s  %s", v.Word(), p.Reason)
		if p.ResumeSHA != "" {
			fmt.Fprintf(&b, "\n  re-entry SHA : %s", p.ResumeSHA)
		}
		if len(p.Residual) > 0 {
			fmt.Fprintf(&b, "\n  residual     : %s", strings.Join(p.Residual, ", "))
		}
		if p.Verdict == resume.Resumable {
			fmt.Fprintf(&b, "\n  propose      : %s", body.ProposedCommand)
			switch {
			case body.ProposedNow:
				fmt.Fprintf(&b, "\n  (recorded RESUME_PROPOSED on run %s's ledger — idempotent)", id)
			case p.AlreadyProposed:
				fmt.Fprintf(&b, "\n  (a resume was already proposed for %s — not re-proposing)", id)
			}
		}
		return &call.Reply[ResumeResult]{Verdict: v, Body: body, Text: b.String(), Interpretation: interpretResume(p)}, nil
	}},
}

func interpretResume(p resume.Plan) string {
	switch p.Verdict {
	case resume.Resumable:
		return fmt.Sprintf("RESUMABLE — %d step(s) remain; continue from the re-entry commit and redo only the residual.", len(p.Residual))
	case resume.Complete:
		return "COMPLETE — git backs every declared step; nothing to resume."
	case resume.Diverged:
		return "DIVERGED — the run went off course; replan the residual instead of resuming blindly."
	}
	return "UNRESUMABLE — there is no readable declared intent to resume from."
}

package runs

import (
	"context"
	"fmt"
	"strings"

	"github.com/dispatchos/dos/call"
	kl "github.com/dispatchos/dos/kernel/ledger"
)

// IntentClaimArgs are the inputs of intent claim.
type IntentClaimArgs struct {
	RunID string `name:"run-id" help:"the run (default: $CID_RUN_ID, then $DISPATCH_RUN_ID)"`
	Step  string `name:"step" required:"true" help:"the step the run says it finished"`
	SHA   string `name:"sha" required:"true" help:"the commit it says finished it (a sha, tag or HEAD~1; recorded as its full sha when it resolves)"`
}

// IntentClaim records a run's claim that a step landed.
var IntentClaim = call.Def{
	Path:  "intent claim",
	Short: "Record a run's claim that a step landed at a commit (its word, not evidence)",
	Long: `USE THIS WHEN: a run says it finished a step and you want the claim on record
before anyone checks it.

intent claim appends STEP_CLAIMED to the run's intent ledger. A claim is the
run's own word: status and complete never count it, and resume redoes a step
that has only a claim. 'dos intent verify-step' checks the commit against git
and records the step as verified only if it stands. The run must have a ledger
(dos intent declare), so a mistyped run id cannot start a stray one.

Exit 0 RECORDED; 2 bad input, no ledger, or a ledger that cannot be written.`,
	Example:  `  dos intent claim --run-id "$RID" --step s1 --sha "$(git rev-parse HEAD)"`,
	Toolset:  call.WriteSet,
	Class:    call.Write,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Recorded},
	Handler: &call.Typed[IntentClaimArgs, IntentResult]{Fn: func(ctx context.Context, env *call.Env, a *IntentClaimArgs) (*call.Reply[IntentResult], error) {
		ws, id, l, _, err := declaredRun(env, a.RunID)
		if err != nil {
			return nil, err
		}
		step, sha := strings.TrimSpace(a.Step), strings.TrimSpace(a.SHA)
		sha, _ = resolveCommit(ws, sha) // a name that resolves is recorded as its sha
		if err := l.Append(env.Now(), &kl.StepClaimed{StepID: step, SHA: sha}); err != nil {
			return nil, err
		}
		body := IntentResult{Op: kl.OpStepClaimed, RunID: id, Ledger: l.Path, Recorded: true, StepID: step, SHA: sha}
		return &call.Reply[IntentResult]{Verdict: Recorded, Body: body,
			Text:           fmt.Sprintf("RECORDED claim: %s step %s at %s (unverified)", id, step, shortSHA(sha)),
			Interpretation: "The claim is on record as the run's own word; it counts only once dos intent verify-step finds it in git."}, nil
	}},
}

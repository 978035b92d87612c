package runs

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dispatchos/dos/call"
	kl "github.com/dispatchos/dos/kernel/ledger"
	"github.com/dispatchos/dos/kernel/oracle"
)

// IntentVerifyArgs are the inputs of intent verify-step.
type IntentVerifyArgs struct {
	RunID string `name:"run-id" help:"the run (default: $CID_RUN_ID, then $DISPATCH_RUN_ID)"`
	Step  string `name:"step" required:"true" help:"the step to verify"`
	SHA   string `name:"sha" required:"true" help:"the commit that should carry it (a sha, tag or HEAD~1; recorded as its full sha)"`
}

// IntentVerifyResult is intent verify-step's answer.
type IntentVerifyResult struct {
	IntentResult
	// Stands says git backs the step at SHA now.
	Stands bool `json:"stands"`
	// Rule names why it does not ("" when it stands): unreachable,
	// reverted, empty, out-of-region, unknown-diff.
	Rule string `json:"rule"`
	// Region is the step's declared region ([] when none).
	Region []string `json:"region"`
	// Declared says the INTENT declared the step.
	Declared bool `json:"declared"`
}

// IntentVerify mints STEP_VERIFIED only when git backs the step.
var IntentVerify = call.Def{
	Path:  "intent verify-step",
	Short: "Check a step's commit against git and record it verified only if it stands",
	Long: `USE THIS WHEN: a run says a step is done and you want it counted, which dos
does only when git backs it.

intent verify-step asks the verify path about --sha: the commit must be in the
history of HEAD, not reverted, not empty (nor only [verify] ignore_paths), and,
when the step declared a region, touch a path inside it. If it stands, a
STEP_VERIFIED record (via file-path) is appended to the run's intent ledger:
MINTED, exit 0. Otherwise nothing is written: REFUSED, exit 1, naming the rule.

Even a minted record is re-checked: status, trace, resume and complete ask git
again every time, so a commit later reset away stops counting.

The reference has no verb that writes STEP_VERIFIED; dos mints it only after
the check.`,
	Example:  `  dos intent verify-step --run-id "$RID" --step s1 --sha "$(git rev-parse HEAD)"`,
	Toolset:  call.WriteSet,
	Class:    call.Write,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Minted, &Refused},
	Handler: &call.Typed[IntentVerifyArgs, IntentVerifyResult]{Fn: func(ctx context.Context, env *call.Env, a *IntentVerifyArgs) (*call.Reply[IntentVerifyResult], error) {
		ws, id, l, rd, err := declaredRun(env, a.RunID)
		if err != nil {
			return nil, err
		}
		tr, err := openTruth(ctx, ws)
		if err != nil {
			return nil, err
		}
		step, sha := strings.TrimSpace(a.Step), strings.TrimSpace(a.SHA)
		sha, _ = resolveCommit(ws, sha)
		region := rd.State.StepRegions[step]
		ck := tr.CheckCommit(sha, region)
		body := IntentVerifyResult{
			IntentResult: IntentResult{Op: kl.OpStepVerified, RunID: id, Ledger: l.Path, StepID: step, SHA: sha},
			Stands:       ck.Stands, Rule: ck.Rule, Region: region, Declared: slices.Contains(rd.State.DeclaredSteps, step),
		}
		if body.Region == nil {
			body.Region = []string{}
		}
		if !ck.Stands {
			return &call.Reply[IntentVerifyResult]{Verdict: Refused, Body: body,
				Text:           fmt.Sprintf("REFUSED  step %s at %s: %s; nothing recorded", step, shortSHA(sha), ruleProse(ck.Rule)),
				Interpretation: "NOT verified — git does not back this step at that commit; the step stays residual."}, nil
		}
		if err := l.Append(env.Now(), &kl.StepVerified{StepID: step, SHA: sha, Via: kl.ViaFilePath, Verdicts: []string{"SHIPPED"}}); err != nil {
			return nil, err
		}
		body.Recorded = true
		return &call.Reply[IntentVerifyResult]{Verdict: Minted, Body: body,
			Text:           fmt.Sprintf("MINTED  step %s verified at %s (%s)", step, ck.Abbrev, id),
			Interpretation: "Verified — the commit is in history, real, and in the step's region; the step counts as done."}, nil
	}},
}

// ruleProse says what a commit rule means.
func ruleProse(rule string) string {
	switch rule {
	case oracle.CommitUnreachable:
		return "not a commit in the history of HEAD (a typo, or reset or rebased away)"
	case oracle.CommitReverted:
		return "reverted later in history"
	case oracle.CommitEmpty:
		return "an empty commit (or one touching only ignored paths)"
	case oracle.CommitOutOfRegion:
		return "touches nothing inside the step's region"
	case oracle.CommitUnknownDiff:
		return "its changes could not be read"
	}
	return rule
}

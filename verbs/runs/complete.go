package runs

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/resume"
)

// CompleteArgs are the inputs of complete.
type CompleteArgs struct {
	RunID    string `name:"run-id" help:"the run (default: $CID_RUN_ID)"`
	Diverged bool   `name:"diverged" help:"the run went off course (noted in the reason)"`
}

// CompleteResult is complete's answer, with the reference's keys.
type CompleteResult struct {
	Declared     int      `json:"declared"`
	IsDone       bool     `json:"is_done"`
	Reason       string   `json:"reason"`
	Residual     []string `json:"residual"`
	RunID        string   `json:"run_id"`
	State        string   `json:"state"`
	Verified     int      `json:"verified"`
	FractionDone *float64 `json:"fraction_done,omitempty"`
}

// Complete answers residual = declared − verified.
var Complete = call.Def{
	Path:  "complete",
	Short: "Is the run's declared work done? residual = declared − verified, from git",
	Long: `USE THIS WHEN: a run says it is finished and you want to know whether what it
declared is all backed by git.

complete is resume's question framed forward, with the same re-check of every
step against git (never the run's own word) and nothing written:

  COMPLETE      (0)  every declared step is verified
  INCOMPLETE    (3)  steps remain (or the run diverged); the residual is listed
  INDETERMINATE (4)  no ledger, or no declared intent to measure against

UNDERDECLARED (5) is reserved for external scope sources, which this version
does not read.`,
	Example:  "  dos complete --run-id RID-1KSR49200000C1S\n  dos complete --run-id \"$RID\" --json",
	Toolset:  call.Truth,
	Class:    call.ReadOnly,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&CompleteDone, &Incomplete, &Indeterminate, &Underdeclared, &CompleteUnknown},
	Handler: &call.Typed[CompleteArgs, CompleteResult]{Fn: func(ctx context.Context, env *call.Env, a *CompleteArgs) (*call.Reply[CompleteResult], error) {
		id, _, f, err := openRun(ctx, env, a.RunID)
		if err != nil {
			return nil, err
		}
		d := resume.Frame(f.read.State, f.plan(a.Diverged))
		body := CompleteResult{Declared: d.Declared, IsDone: d.State == resume.CompleteDone, Reason: d.Reason,
			Residual: d.Residual, RunID: id, State: d.State.String(), Verified: d.Verified, FractionDone: d.Fraction}
		v := CompleteUnknown
		switch d.State {
		case resume.CompleteDone:
			v = CompleteDone
		case resume.Incomplete:
			v = Incomplete
		case resume.Indeterminate:
			v = Indeterminate
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%s  %s", v.Word(), d.Reason)
		if d.Fraction != nil {
			fmt.Fprintf(&b, "\n  verified     : %d/%d (%d%%)", d.Verified, d.Declared, int(math.Round(float64(d.Verified)/float64(d.Declared)*100)))
		}
		if len(d.Residual) > 0 {
			fmt.Fprintf(&b, "\n  residual     : %s", strings.Join(d.Residual, ", "))
		}
		return &call.Reply[CompleteResult]{Verdict: v, Body: body, Text: b.String(),
			Interpretation: fmt.Sprintf("%s — %d of %d declared steps are backed by git.", d.State, d.Verified, d.Declared)}, nil
	}},
}

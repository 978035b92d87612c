package loop

import (
	"context"
	"strconv"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/economics"
)

// ProductivityArgs are the inputs of productivity.
type ProductivityArgs struct {
	Deltas   string `name:"deltas" help:"work landed per step, oldest first, comma-separated (5,3,1): commits, tokens, changed lines, any one unit"`
	MinSteps int64  `name:"min-steps" default:"3" help:"how many steps must exist before a run is judged"`
	Floor    int64  `name:"floor" default:"500" help:"a step that lands less than this many units did little"`
}

// ProductivityResult is productivity's answer.
type ProductivityResult struct {
	History ProductivityHistory `json:"history"`
	Reason  string              `json:"reason"`
}

// ProductivityHistory echoes the trend that was judged.
type ProductivityHistory struct {
	Deltas     []int64 `json:"deltas"`
	LastDelta  *int64  `json:"last_delta"`
	PriorDelta *int64  `json:"prior_delta"`
	StepCount  int     `json:"step_count"`
}

// Productivity judges whether a run's work per step is fading.
var Productivity = call.Def{
	Path:  "productivity",
	Short: "Is this run still landing work each step, or fading?",
	Long: `USE THIS WHEN: a loop has taken several steps and you want to know whether
each step still lands real work or the run is burning budget refining the same
thing.

productivity reads the work each step landed (--deltas, oldest first, in any one
unit the environment measured: commits, tokens billed, changed lines) and
answers:

  PRODUCTIVE   (exit 0) a recent step cleared the floor, or fewer than
               --min-steps steps exist (not enough history to judge)
  DIMINISHING  (exit 3) the last two steps both landed less than --floor
  STALLED      (exit 4) the last step landed nothing

It reads nothing but its flags. Unlike the Python reference, a negative
--min-steps or --floor is a usage error (exit 2), not a crash.`,
	Example: `  $ dos productivity --deltas 5,3,1
  DIMINISHING  the last two of 3 steps landed 3 then 1 work units, both under the floor of 500: diminishing returns

  $ dos productivity --deltas 600,100,700 --json`,
	Toolset:     call.Truth,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	NoWorkspace: true,
	Verdicts:    []*call.Verdict{&Productive, &Diminishing, &Stalled},
	Handler: &call.Typed[ProductivityArgs, ProductivityResult]{Fn: func(ctx context.Context, env *call.Env, a *ProductivityArgs) (*call.Reply[ProductivityResult], error) {
		deltas, err := parseDeltas(a.Deltas)
		if err != nil {
			return nil, err
		}
		if err := nonNegative(count{"min-steps", a.MinSteps}, count{"floor", a.Floor}); err != nil {
			return nil, err
		}
		p := economics.ProductivityPolicy{MinSteps: int(min(a.MinSteps, 1<<31)), Floor: a.Floor}
		v := economics.ClassifyProductivity(deltas, p)
		body := ProductivityResult{Reason: v.Reason, History: ProductivityHistory{Deltas: deltas, StepCount: len(deltas)}}
		if v.HasLast {
			body.History.LastDelta = &v.Last
		}
		if v.HasPrior {
			body.History.PriorDelta = &v.Prior
		}
		verdict := map[economics.Productivity]call.Verdict{
			economics.Productive: Productive, economics.Diminishing: Diminishing, economics.ProductivityStalled: Stalled,
		}[v.Verdict]
		return &call.Reply[ProductivityResult]{Verdict: verdict, Text: line(verdict, v.Reason), Body: body,
			Interpretation: interpretProductivity(v.Verdict)}, nil
	}},
}

// parseDeltas reads a comma list of non-negative whole numbers; empty
// items are skipped.
func parseDeltas(s string) ([]int64, error) {
	out := []int64{}
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		n, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, call.Usagef("--deltas wants whole numbers separated by commas, got %q", f)
		}
		if n < 0 {
			return nil, call.Usagef("--deltas are work landed per step and cannot be negative, got %d", n)
		}
		out = append(out, n)
	}
	return out, nil
}

func interpretProductivity(v economics.Productivity) string {
	switch v {
	case economics.Diminishing:
		return "DIMINISHING — each step lands less than the floor; consider stopping the run or changing its approach."
	case economics.ProductivityStalled:
		return "STALLED — the last step landed nothing; the run is spending without moving."
	}
	return "PRODUCTIVE — the run still lands work per step (or is too young to judge); let it continue."
}

package loop

import (
	"context"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/economics"
	"github.com/dispatchos/dos/kernel/usage"
)

// ImproveArgs are the inputs of improve.
type ImproveArgs struct {
	SuitePassed        bool    `name:"suite-passed" help:"the test suite passed on a tree with the candidate and nothing else"`
	TruthClean         bool    `name:"truth-clean" help:"verify and commit-audit accept the candidate"`
	Work               int64   `name:"work" help:"the measured metric after the candidate"`
	BaselineWork       int64   `name:"baseline-work" help:"the same metric before the candidate"`
	Tokens             int64   `name:"tokens" help:"tokens proposing the candidate cost (default: the usage record's total)"`
	ConsecutiveReverts int64   `name:"consecutive-reverts" help:"candidates in a row not kept so far (carried from the last answer)"`
	MaxReverts         int64   `name:"max-reverts" default:"3" help:"escalate when this many candidates in a row are not kept (at least 1)"`
	EfficiencyFloor    float64 `name:"efficiency-floor" help:"lowest acceptable gain per token; 0 (the default) accepts any price"`
	MinTokens          int64   `name:"min-tokens" default:"1000" help:"spend below which the price of a gain is not judged"`
	Narrated           string  `name:"narrated" help:"the candidate's own description: echoed in the answer, never read"`
	UsageJSON          string  `name:"usage-json" mcp:"-" help:"a provider usage record for the candidate's spend, or - for standard input"`
	Usage              string  `name:"usage" help:"a provider usage record for the candidate's spend, as JSON text"`
}

// ImproveResult is improve's answer.
type ImproveResult struct {
	// Efficiency is the price check of the gain, present when a usage
	// record was given and the check ran.
	Efficiency             *EfficiencyWord `json:"efficiency,omitempty"`
	Escalation             string          `json:"escalation"`
	Evidence               ImproveEvidence `json:"evidence"`
	NextConsecutiveReverts int64           `json:"next_consecutive_reverts"`
	Reason                 string          `json:"reason"`
	// RevertCause is regressed, wasteful or no-improvement; null on KEEP.
	RevertCause *string `json:"revert_cause"`
}

// ImproveEvidence echoes what was judged.
type ImproveEvidence struct {
	BaselineWork       int64        `json:"baseline_work"`
	Breakdown          *usage.Spend `json:"breakdown,omitempty"`
	ConsecutiveReverts int64        `json:"consecutive_reverts"`
	Delta              int64        `json:"delta"`
	Improved           bool         `json:"improved"`
	Narrated           string       `json:"narrated"`
	SuitePassed        bool         `json:"suite_passed"`
	Tokens             int64        `json:"tokens"`
	TruthClean         bool         `json:"truth_clean"`
	Work               int64        `json:"work"`
}

// EfficiencyWord is an efficiency verdict inside another answer.
type EfficiencyWord struct {
	Evidence EfficiencyEvidence `json:"evidence"`
	Reason   string             `json:"reason"`
	Verdict  string             `json:"verdict"`
}

// Improve is the keep-gate of a self-improving loop.
var Improve = call.Def{
	Path:  "improve",
	Short: "May a self-improving loop keep this candidate change?",
	Long: `USE THIS WHEN: a loop proposed a change to itself (or to the code it tends) and
must decide whether to keep it, from what the environment measured rather than
from the candidate's description of itself.

improve answers:

  KEEP      (exit 0) the suite passed (--suite-passed), the truth check is
            clean (--truth-clean), the metric strictly rose (--work over
            --baseline-work), and the gain was worth its spend (the efficiency
            check on the gain, with --efficiency-floor and --min-tokens)
  REVERT    (exit 3) anything else: regressed (a red suite or a dirty truth
            check, checked first), wasteful (a gain at too high a price), or
            no-improvement
  ESCALATE  (exit 4) a revert that makes --max-reverts candidates in a row not
            kept: undo it and hand the loop to a human

Carry next_consecutive_reverts into the next call (--consecutive-reverts): 0
after a keep, one more after anything else. --narrated is echoed and never
read. Where dos differs from the Python reference: a metric that fell says
"fell from B to W" rather than "flat".`,
	Example: `  $ dos improve --suite-passed --truth-clean --work 42 --baseline-work 40
  KEEP  suite green, truth clean, and the metric rose from 40 to 42 (+2): keep

  $ dos improve --truth-clean --work 42 --baseline-work 40 --consecutive-reverts 2 --json`,
	Toolset:     call.Truth,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	NoWorkspace: true,
	Verdicts:    []*call.Verdict{&Keep, &Revert, &Escalate},
	Handler: &call.Typed[ImproveArgs, ImproveResult]{Fn: func(ctx context.Context, env *call.Env, a *ImproveArgs) (*call.Reply[ImproveResult], error) {
		if err := nonNegative(count{"work", a.Work}, count{"baseline-work", a.BaselineWork}, count{"tokens", a.Tokens},
			count{"consecutive-reverts", a.ConsecutiveReverts}, count{"min-tokens", a.MinTokens}); err != nil {
			return nil, err
		}
		p := economics.ImprovePolicy{MaxReverts: a.MaxReverts, EfficiencyFloor: a.EfficiencyFloor, MinTokens: a.MinTokens}
		if err := p.Validate(); err != nil {
			return nil, call.Usagef("--%v", err)
		}
		tokens, b, err := spentTokens(env, a.UsageJSON, a.Usage, a.Tokens)
		if err != nil {
			return nil, err
		}
		e := economics.CandidateEvidence{SuitePassed: a.SuitePassed, TruthClean: a.TruthClean, Work: a.Work,
			Baseline: a.BaselineWork, Tokens: tokens, ConsecutiveReverts: a.ConsecutiveReverts}
		v := economics.ClassifyCandidate(e, p)
		body := ImproveResult{
			Escalation: v.Escalation.String(), NextConsecutiveReverts: v.NextConsecutiveReverts, Reason: v.Reason,
			Evidence: ImproveEvidence{BaselineWork: a.BaselineWork, ConsecutiveReverts: a.ConsecutiveReverts, Delta: e.Delta(),
				Improved: e.Improved(), Narrated: a.Narrated, SuitePassed: a.SuitePassed, Tokens: tokens, TruthClean: a.TruthClean,
				Work: a.Work, Breakdown: spendOf(b)},
		}
		if v.Cause != economics.NoCause {
			c := v.Cause.String()
			body.RevertCause = &c
		}
		if b != nil && v.Efficiency != nil {
			body.Efficiency = &EfficiencyWord{Verdict: v.Efficiency.Verdict.String(), Reason: v.Efficiency.Reason,
				Evidence: EfficiencyEvidence{Ratio: v.Efficiency.Ratio, Tokens: tokens, Work: e.Delta(), Breakdown: spendOf(b)}}
		}
		verdict, gloss := Keep, "KEEP — a measured gain, suite green and truth clean; commit the candidate and reset the revert count."
		switch v.Verdict {
		case economics.Revert:
			verdict, gloss = Revert, "REVERT — undo the candidate ("+v.Cause.String()+") and carry next_consecutive_reverts into the next try."
		case economics.Escalate:
			verdict, gloss = Escalate, "ESCALATE — undo the candidate and stop: too many in a row were not kept; a human picks what to try next."
		}
		return &call.Reply[ImproveResult]{Verdict: verdict, Text: line(verdict, v.Reason), Body: body, Interpretation: gloss}, nil
	}},
}

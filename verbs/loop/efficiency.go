package loop

import (
	"context"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/economics"
	"github.com/dispatchos/dos/kernel/usage"
)

// EfficiencyArgs are the inputs of efficiency.
type EfficiencyArgs struct {
	Work      int64   `name:"work" help:"work the environment measured (commits, passing tests, any one unit)"`
	Tokens    int64   `name:"tokens" help:"tokens the run spent (default: the usage record's total)"`
	MinTokens int64   `name:"min-tokens" default:"1000" help:"spend below which no run is judged"`
	Floor     float64 `name:"floor" help:"lowest acceptable work per token; 0 (the default) turns COSTLY off"`
	UsageJSON string  `name:"usage-json" mcp:"-" help:"a provider usage record, or - for standard input: Anthropic/Claude Code, OpenAI/Codex or Gemini shapes, one object or JSON Lines"`
	Usage     string  `name:"usage" help:"a provider usage record as JSON text (Anthropic/Claude Code, OpenAI/Codex or Gemini shapes)"`
}

// EfficiencyResult is efficiency's answer.
type EfficiencyResult struct {
	Evidence EfficiencyEvidence `json:"evidence"`
	Reason   string             `json:"reason"`
}

// EfficiencyEvidence echoes what was judged.
type EfficiencyEvidence struct {
	// Breakdown is the spend by kind, when a usage record was given.
	Breakdown *usage.Spend `json:"breakdown,omitempty"`
	Ratio     float64      `json:"ratio"`
	Tokens    int64        `json:"tokens"`
	Work      int64        `json:"work"`
}

// Efficiency judges whether a run's tokens bought work.
var Efficiency = call.Def{
	Path:  "efficiency",
	Short: "Did the tokens this run spent buy work?",
	Long: `USE THIS WHEN: a run has spent tokens and you want to know whether they bought
anything, from counts the environment recorded (work measured, tokens billed),
never from the agent's account of itself.

efficiency divides --work by --tokens and answers:

  EFFICIENT  (exit 0) the ratio is at or above --floor, or fewer than
             --min-tokens were spent (not enough spend to judge)
  COSTLY     (exit 3) work landed, but under --floor per token (only with a
             floor; the default 0 turns this off)
  WASTEFUL   (exit 4) at least --min-tokens spent and no work at all

--usage-json reads the provider's usage record (a file, or - for standard
input; --usage takes it inline) and adds the spend by kind to the JSON (fresh input, output, cache
reads and writes, reasoning, cache-hit ratio). --tokens then defaults to its
total; given both, they must agree. dos reads the additive shape (Anthropic,
Claude Code transcripts and -p results) and the inclusive ones (OpenAI, Codex
exec and rollout events, Gemini usageMetadata and CLI stats), one object or a
JSON Lines stream; where dos differs from the Python reference, a Codex record
(cached_input_tokens) counts its cached tokens once, as cache reads.`,
	Example: `  $ dos efficiency --work 0 --tokens 80000
  WASTEFUL  80000 tokens spent and 0 work units landed: the spend bought nothing

  $ dos efficiency --work 3 --tokens 50000 --floor 0.0001
  $ claude -p 'fix the test' --output-format json | dos efficiency --work 1 --usage-json - --json`,
	Toolset:     call.Truth,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	NoWorkspace: true,
	Verdicts:    []*call.Verdict{&Efficient, &Costly, &Wasteful},
	Handler: &call.Typed[EfficiencyArgs, EfficiencyResult]{Fn: func(ctx context.Context, env *call.Env, a *EfficiencyArgs) (*call.Reply[EfficiencyResult], error) {
		if err := nonNegative(count{"work", a.Work}, count{"tokens", a.Tokens}, count{"min-tokens", a.MinTokens}); err != nil {
			return nil, err
		}
		p := economics.EfficiencyPolicy{MinTokens: a.MinTokens, Floor: a.Floor}
		if err := p.Validate(); err != nil {
			return nil, call.Usagef("--%v", err)
		}
		tokens, b, err := spentTokens(env, a.UsageJSON, a.Usage, a.Tokens)
		if err != nil {
			return nil, err
		}
		v := economics.ClassifyEfficiency(a.Work, tokens, p)
		verdict := efficiencyVerdict(v.Verdict)
		body := EfficiencyResult{Reason: v.Reason, Evidence: EfficiencyEvidence{Ratio: v.Ratio, Tokens: tokens, Work: a.Work, Breakdown: spendOf(b)}}
		return &call.Reply[EfficiencyResult]{Verdict: verdict, Text: line(verdict, v.Reason), Body: body,
			Interpretation: interpretEfficiency(v.Verdict)}, nil
	}},
}

func efficiencyVerdict(e economics.Efficiency) call.Verdict {
	switch e {
	case economics.Costly:
		return Costly
	case economics.Wasteful:
		return Wasteful
	}
	return Efficient
}

func interpretEfficiency(v economics.Efficiency) string {
	switch v {
	case economics.Costly:
		return "COSTLY — the run lands work but pays more per unit than the floor allows; look at what the tokens go to."
	case economics.Wasteful:
		return "WASTEFUL — the tokens bought nothing measurable; stop or redirect the run."
	}
	return "EFFICIENT — the spend bought its work (or is too small to judge)."
}

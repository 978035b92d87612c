package loop

import (
	"context"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/economics"
)

// NoopStreakArgs are the inputs of noop-streak.
type NoopStreakArgs struct {
	Turns     int64 `name:"turns" help:"turns in a row that changed nothing since the last forward change (a commit, a real result)"`
	MaxStreak int64 `name:"max-streak" default:"4" help:"the budget of such turns"`
}

// NoopStreakResult is noop-streak's answer.
type NoopStreakResult struct {
	Allow bool `json:"allow"`
	// NoopTurns is the count to carry into the next decision.
	NoopTurns int64  `json:"noop_turns"`
	Reason    string `json:"reason"`
}

// NoopStreak answers whether a loop may take one more turn that changes
// nothing.
var NoopStreak = call.Def{
	Path:  "noop-streak",
	Short: "May a waiting loop take one more turn that changes nothing?",
	Long: `USE THIS WHEN: a loop polls or keeps itself alive with turns that move nothing
(each replays its whole context) and you want a budget for them.

noop-streak compares --turns (no-op turns since the last forward change) with
--max-streak:

  LIVE       (exit 0) budget remains: one more is allowed; carry noop_turns
             (one more) into the next call
  EXHAUSTED  (exit 3) the budget is spent the moment it is reached: stop
             holding the turn open and wait for the real completion signal

A forward change (a commit, a real tool result) resets the count to 0. The
Python reference has this decider as a library only; dos also offers it as a
verb.`,
	Example: `  $ dos noop-streak --turns 4
  EXHAUSTED  4 of 4 no-op turns since the last forward change: the budget is spent; wait for a real signal (a forward change resets the streak)`,
	Toolset:     call.Admission,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	NoWorkspace: true,
	Verdicts:    []*call.Verdict{&Live, &Exhausted},
	Handler: &call.Typed[NoopStreakArgs, NoopStreakResult]{Fn: func(ctx context.Context, env *call.Env, a *NoopStreakArgs) (*call.Reply[NoopStreakResult], error) {
		if err := nonNegative(count{"turns", a.Turns}, count{"max-streak", a.MaxStreak}); err != nil {
			return nil, err
		}
		v := economics.ClassifyStreak(a.Turns, a.MaxStreak)
		verdict, gloss := Live, "LIVE — budget remains for one more no-op turn."
		if v.Verdict == economics.StreakExhausted {
			verdict, gloss = Exhausted, "EXHAUSTED — the no-op budget is spent; end the turn and wait for a real signal."
		}
		return &call.Reply[NoopStreakResult]{Verdict: verdict, Text: line(verdict, v.Reason),
			Body: NoopStreakResult{Allow: v.Allow, NoopTurns: v.Next, Reason: v.Reason}, Interpretation: gloss}, nil
	}},
}

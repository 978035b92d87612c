package loop

import (
	"context"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/economics"
)

// BreakerArgs are the inputs of breaker.
type BreakerArgs struct {
	Consecutive    int64  `name:"consecutive" help:"failures since the last success"`
	Total          int64  `name:"total" help:"failures in all"`
	MaxConsecutive int64  `name:"max-consecutive" default:"3" help:"open at this many failures in a row (0: no limit)"`
	MaxTotal       int64  `name:"max-total" default:"20" help:"open at this many failures in all (0: no limit)"`
	OnTrip         string `name:"on-trip" default:"none" enum:"none,judge,human" help:"who an open breaker hands the decision to"`
}

// BreakerResult is breaker's answer.
type BreakerResult struct {
	Escalation string `json:"escalation"`
	Reason     string `json:"reason"`
	State      string `json:"state"`
	// TrippedOn is "consecutive" or "total"; null when closed.
	TrippedOn *string `json:"tripped_on"`
}

// Breaker answers whether failures have piled up past their limits.
var Breaker = call.Def{
	Path:  "breaker",
	Short: "Have this loop's failures piled up past their limit?",
	Long: `USE THIS WHEN: a loop keeps failing and you need a rule, not a feeling, for when
to stop trying and hand over.

breaker compares the failure counts you carry (--consecutive since the last
success, --total ever) with the limits:

  CLOSED  (exit 0) under both limits: keep going
  OPEN    (exit 3) --consecutive reached --max-consecutive (a sustained
          streak), else --total reached --max-total (flapping); the answer
          names --on-trip (judge or human) as the escalation

A limit of 0 is off; both off is a usage error. A success resets the streak
but not the total, so a breaker opened on its total stays open. Where dos
differs from the Python reference: --consecutive larger than a non-zero
--total is refused (exit 2), since a streak cannot exceed the failures it is
made of.`,
	Example: `  $ dos breaker --consecutive 3 --total 5
  OPEN  3 failures in a row reach the limit of 3: a sustained failure streak

  $ dos breaker --consecutive 1 --total 20 --on-trip human --json`,
	Toolset:     call.Admission,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	NoWorkspace: true,
	Verdicts:    []*call.Verdict{&Closed, &Open},
	Handler: &call.Typed[BreakerArgs, BreakerResult]{Fn: func(ctx context.Context, env *call.Env, a *BreakerArgs) (*call.Reply[BreakerResult], error) {
		if err := nonNegative(count{"consecutive", a.Consecutive}, count{"total", a.Total},
			count{"max-consecutive", a.MaxConsecutive}, count{"max-total", a.MaxTotal}); err != nil {
			return nil, err
		}
		if a.Total > 0 && a.Consecutive > a.Total {
			return nil, call.Usagef("--consecutive %d is more than --total %d: a streak cannot exceed the failures it is made of", a.Consecutive, a.Total)
		}
		esc, err := economics.ParseEscalation(a.OnTrip)
		if err != nil {
			return nil, call.Usagef("--%v", err)
		}
		p := economics.BreakerPolicy{MaxConsecutive: a.MaxConsecutive, MaxTotal: a.MaxTotal, OnTrip: esc}
		if err := p.Validate(); err != nil {
			return nil, call.Usagef("%v", err)
		}
		v := economics.ClassifyBreaker(economics.Counts{Consecutive: a.Consecutive, Total: a.Total}, p)
		body := BreakerResult{Escalation: v.Escalation.String(), Reason: v.Reason, State: v.State()}
		verdict, gloss := Closed, "CLOSED — under the failure limits; the loop may keep going."
		if v.Open {
			on := v.TrippedOn.String()
			body.TrippedOn = &on
			verdict, gloss = Open, "OPEN — the failures reached a limit; stop retrying"
			if v.Escalation != economics.EscalateNone {
				gloss += " and hand the decision to a " + map[economics.Escalation]string{economics.EscalateJudge: "judge", economics.EscalateHuman: "human"}[v.Escalation]
			}
			gloss += "."
		}
		return &call.Reply[BreakerResult]{Verdict: verdict, Text: line(verdict, v.Reason), Body: body, Interpretation: gloss}, nil
	}},
}

package loop

import (
	"context"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/economics"
)

// WorkAccountArgs are the inputs of work-account.
type WorkAccountArgs struct {
	VerifiedShips  int64 `name:"verified-ships" help:"units the oracle verified closed (dos verify said SHIPPED)"`
	ClaimedShips   int64 `name:"claimed-ships" help:"units the iteration said it closed (shown, never counted)"`
	Catches        int64 `name:"catches" help:"claims the oracle refuted"`
	AdvanceCommits int64 `name:"advance-commits" help:"commits that landed without closing a unit"`
	Grooms         int64 `name:"grooms" help:"plan bookkeeping done (stamps reconciled, findings closed)"`
	Unblocks       int64 `name:"unblocks" help:"units that went from blocked to offerable"`
	Surfaced       int64 `name:"surfaced" help:"decisions raised for an operator"`
}

// WorkAccountResult is work-account's answer.
type WorkAccountResult struct {
	Account WorkAccountCounts `json:"account"`
	Reason  string            `json:"reason"`
}

// WorkAccountCounts echoes the account, with the claimed ships no witness
// answered for.
type WorkAccountCounts struct {
	AdvanceCommits int64 `json:"advance_commits"`
	Catches        int64 `json:"catches"`
	ClaimedShips   int64 `json:"claimed_ships"`
	Grooms         int64 `json:"grooms"`
	Overclaim      int64 `json:"overclaim"`
	Surfaced       int64 `json:"surfaced"`
	Unblocks       int64 `json:"unblocks"`
	VerifiedShips  int64 `json:"verified_ships"`
}

// WorkAccount names the kind of work an iteration landed.
var WorkAccount = call.Def{
	Path:  "work-account",
	Short: "What kind of work did this iteration land?",
	Long: `USE THIS WHEN: a loop iteration ended without shipping and you need to tell
"did real work" from "did nothing", by kind, from what witnesses counted.

work-account names the first kind the counts show, most valuable first:

  SHIPPED   (exit 0) --verified-ships: the oracle verified a unit closed
  CAUGHT    (exit 3) --catches: a false claim was refuted (act on it)
  ADVANCED  (exit 0) --advance-commits: commits landed, no unit closed
  GROOMED   (exit 0) --grooms or --unblocks: bookkeeping moved plan state
  SURFACED  (exit 0) --surfaced: decisions raised for an operator
  IDLE      (exit 4) nothing witnessed

--claimed-ships never counts: claims alone are IDLE, and claims no witness
answered for are named in the reason whatever the verdict.`,
	Example: `  $ dos work-account --verified-ships 1 --advance-commits 4
  SHIPPED  1 pick shipped · 4 commits advanced

  $ dos work-account --claimed-ships 2
  IDLE  no witnessed work this iteration (2 claimed ships unadjudicated)`,
	Toolset:     call.Truth,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	NoWorkspace: true,
	Verdicts:    []*call.Verdict{&Shipped, &Caught, &Advanced, &Groomed, &Surfaced, &Idle},
	Handler: &call.Typed[WorkAccountArgs, WorkAccountResult]{Fn: func(ctx context.Context, env *call.Env, a *WorkAccountArgs) (*call.Reply[WorkAccountResult], error) {
		if err := nonNegative(count{"verified-ships", a.VerifiedShips}, count{"claimed-ships", a.ClaimedShips},
			count{"catches", a.Catches}, count{"advance-commits", a.AdvanceCommits}, count{"grooms", a.Grooms},
			count{"unblocks", a.Unblocks}, count{"surfaced", a.Surfaced}); err != nil {
			return nil, err
		}
		acc := economics.Account{VerifiedShips: a.VerifiedShips, ClaimedShips: a.ClaimedShips, Catches: a.Catches,
			AdvanceCommits: a.AdvanceCommits, Grooms: a.Grooms, Unblocks: a.Unblocks, Surfaced: a.Surfaced}
		v := economics.ClassifyWork(acc)
		verdict := map[economics.WorkKind]call.Verdict{
			economics.KindShipped: Shipped, economics.KindCaught: Caught, economics.KindAdvanced: Advanced,
			economics.KindGroomed: Groomed, economics.KindSurfaced: Surfaced, economics.KindIdle: Idle,
		}[v.Verdict]
		body := WorkAccountResult{Reason: v.Reason, Account: WorkAccountCounts{
			AdvanceCommits: a.AdvanceCommits, Catches: a.Catches, ClaimedShips: a.ClaimedShips, Grooms: a.Grooms,
			Overclaim: acc.Overclaim(), Surfaced: a.Surfaced, Unblocks: a.Unblocks, VerifiedShips: a.VerifiedShips,
		}}
		gloss := map[economics.WorkKind]string{
			economics.KindShipped:  "SHIPPED — the oracle verified work closed this iteration.",
			economics.KindCaught:   "CAUGHT — a claim was refuted; look at who over-claimed.",
			economics.KindAdvanced: "ADVANCED — commits landed, though no unit closed.",
			economics.KindGroomed:  "GROOMED — bookkeeping moved plan state; nothing shipped.",
			economics.KindSurfaced: "SURFACED — decisions wait for an operator; nothing else moved.",
			economics.KindIdle:     "IDLE — no witness recorded any work this iteration.",
		}[v.Verdict]
		return &call.Reply[WorkAccountResult]{Verdict: verdict, Text: line(verdict, v.Reason), Body: body, Interpretation: gloss}, nil
	}},
}

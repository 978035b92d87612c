package loop

import (
	"context"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/economics"
)

// RewardArgs are the inputs of reward.
type RewardArgs struct {
	Claim     bool   `name:"claim" help:"the trajectory claims success (the default)"`
	NoClaim   bool   `name:"no-claim" help:"the trajectory claims nothing"`
	Witness   string `name:"witness" default:"none" enum:"confirm,refute,none" help:"what an independent check said about the claim"`
	Forgeable bool   `name:"forgeable" help:"the witness is the agent re-reading its own output, which it could forge"`
	Narrated  string `name:"narrated" help:"the agent's own account: accepted, never read"`
}

// RewardResult is reward's answer.
type RewardResult struct {
	Accept bool `json:"accept"`
	// Accountability is OS_RECORDED when an independent witness decided.
	Accountability string `json:"accountability"`
	ClaimPresent   bool   `json:"claim_present"`
	Dispreferred   bool   `json:"dispreferred"`
	Poison         bool   `json:"poison"`
	Reason         string `json:"reason"`
	// Witness is "witness" when an independent witness decided, else "".
	Witness string `json:"witness"`
}

// Reward answers whether a trajectory may be banked as a positive example.
var Reward = call.Def{
	Path:  "reward",
	Short: "May training bank this trajectory as a positive example?",
	Long: `USE THIS WHEN: you collect agent trajectories for training and must decide which
ones count as successes, without trusting the agent's own report.

reward answers from the claim and what an independent witness said:

  ACCEPT         (exit 0) a claim, confirmed by a witness the agent cannot
                 forge: bank it as a positive
  REJECT_POISON  (exit 3) a claim the witness refuted: bank it only as a
                 negative (dispreferred), never as a positive
  ABSTAIN        (exit 4) no witness, or only a forgeable one (--forgeable:
                 the agent re-reading its own output): bank nothing
  NO_CLAIM       (exit 5) --no-claim: nothing to bank

--narrated is accepted and never read: the verdict is the same whatever the
agent says. --claim and --no-claim together are a usage error.`,
	Example: `  $ dos reward --witness confirm
  ACCEPT  an independent witness confirmed the claim: safe to bank as a positive

  $ dos reward --witness confirm --forgeable --json`,
	Toolset:     call.Truth,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	NoWorkspace: true,
	Verdicts:    []*call.Verdict{&Accept, &RejectPoison, &Abstain, &NoClaim},
	Handler: &call.Typed[RewardArgs, RewardResult]{Fn: func(ctx context.Context, env *call.Env, a *RewardArgs) (*call.Reply[RewardResult], error) {
		if a.Claim && a.NoClaim {
			return nil, call.Usagef("--claim and --no-claim contradict each other; give one")
		}
		w, err := economics.ParseWitness(a.Witness)
		if err != nil {
			return nil, call.Usagef("--%v", err)
		}
		v := economics.ClassifyReward(!a.NoClaim, []economics.Observation{{Witness: w, Forgeable: a.Forgeable}})
		body := RewardResult{ClaimPresent: !a.NoClaim, Reason: v.Reason}
		var verdict call.Verdict
		var gloss string
		switch v.Verdict {
		case economics.Accept:
			verdict, gloss = Accept, "ACCEPT — an independent witness backs the claim; the trajectory may be banked as a positive."
			body.Accept = true
		case economics.RejectPoison:
			verdict, gloss = RejectPoison, "REJECT_POISON — the claim was refuted; keep the trajectory out of the positives (it is a negative)."
			body.Poison, body.Dispreferred = true, true
		case economics.NoClaim:
			verdict, gloss = NoClaim, "NO_CLAIM — the trajectory claims nothing, so there is nothing to bank."
		default:
			verdict, gloss = Abstain, "ABSTAIN — nothing independent backs or refutes the claim; do not bank it either way."
		}
		if body.Accept || body.Poison {
			body.Witness, body.Accountability = "witness", "OS_RECORDED"
		}
		return &call.Reply[RewardResult]{Verdict: verdict, Text: line(verdict, v.Reason), Body: body, Interpretation: gloss}, nil
	}},
}

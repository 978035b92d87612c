package economics

import "fmt"

// Reward is the verdict on banking a trajectory as a positive example.
type Reward int

// The reward verdicts.
const (
	// Accept: an independent witness confirmed the claim.
	Accept Reward = iota
	// RejectPoison: an independent witness refuted the claim: a negative
	// to learn from, never a positive.
	RejectPoison
	// Abstain: no independent witness either way.
	Abstain
	// NoClaim: nothing was claimed, so there is nothing to bank.
	NoClaim
)

// String returns the verdict word.
func (r Reward) String() string {
	switch r {
	case Accept:
		return "ACCEPT"
	case RejectPoison:
		return "REJECT_POISON"
	case Abstain:
		return "ABSTAIN"
	case NoClaim:
		return "NO_CLAIM"
	}
	return fmt.Sprintf("Reward(%d)", int(r))
}

// Witness is what an independent check said about the claim.
type Witness int

// The witness answers.
const (
	WitnessNone Witness = iota
	WitnessConfirm
	WitnessRefute
)

// String returns "none", "confirm" or "refute".
func (w Witness) String() string {
	switch w {
	case WitnessConfirm:
		return "confirm"
	case WitnessRefute:
		return "refute"
	}
	return "none"
}

// ParseWitness reads "confirm", "refute" or "none" (exactly).
func ParseWitness(s string) (Witness, error) {
	switch s {
	case "confirm":
		return WitnessConfirm, nil
	case "refute":
		return WitnessRefute, nil
	case "none":
		return WitnessNone, nil
	}
	return WitnessNone, fmt.Errorf("witness must be confirm, refute or none, got %q", s)
}

// Observation is one witness's answer and whether it can be forged (the
// agent re-reading its own output).
type Observation struct {
	Witness   Witness
	Forgeable bool
}

// RewardVerdict is the reward gate's answer.
type RewardVerdict struct {
	Verdict Reward
	Reason  string
}

// ClassifyReward decides whether a trajectory may be banked. No claim is
// NO_CLAIM. Any refutation by a witness that cannot be forged is
// REJECT_POISON, even beside a confirmation; else a confirmation by such a
// witness is ACCEPT; else (no witness, or only forgeable ones) ABSTAIN. The
// agent's own account of what it did is never an input.
func ClassifyReward(claim bool, obs []Observation) RewardVerdict {
	if !claim {
		return RewardVerdict{NoClaim, "the trajectory claims nothing, so there is nothing to bank"}
	}
	confirmed := false
	forgeable := false
	for _, o := range obs {
		if o.Forgeable {
			forgeable = forgeable || o.Witness != WitnessNone
			continue
		}
		if o.Witness == WitnessRefute {
			return RewardVerdict{RejectPoison, "an independent witness refuted the claim: bank it as a negative, never as a positive"}
		}
		confirmed = confirmed || o.Witness == WitnessConfirm
	}
	if confirmed {
		return RewardVerdict{Accept, "an independent witness confirmed the claim: safe to bank as a positive"}
	}
	if forgeable {
		return RewardVerdict{Abstain, "the only witness is the agent reading its own output, which it could forge: do not bank it"}
	}
	return RewardVerdict{Abstain, "no independent witness confirmed or refuted the claim: do not bank it"}
}

package economics

import "testing"

// Runs §12.5: the reward table, and the library's many-witness rule.
func TestClassifyReward(t *testing.T) {
	obs := func(w Witness, forgeable bool) []Observation { return []Observation{{w, forgeable}} }
	cases := []struct {
		name  string
		claim bool
		obs   []Observation
		want  Reward
	}{
		{"no claim", false, obs(WitnessConfirm, false), NoClaim},
		{"confirmed", true, obs(WitnessConfirm, false), Accept},
		{"refuted", true, obs(WitnessRefute, false), RejectPoison},
		{"no witness", true, obs(WitnessNone, false), Abstain},
		{"nothing at all", true, nil, Abstain},
		{"forgeable confirm", true, obs(WitnessConfirm, true), Abstain},
		{"forgeable refute", true, obs(WitnessRefute, true), Abstain},
		{"conflict poisons", true, []Observation{{WitnessConfirm, false}, {WitnessRefute, false}}, RejectPoison},
		{"a forgeable refute cannot veto", true, []Observation{{WitnessConfirm, false}, {WitnessRefute, true}}, Accept},
	}
	for _, c := range cases {
		if v := ClassifyReward(c.claim, c.obs); v.Verdict != c.want {
			t.Errorf("%s: got %s", c.name, v.Verdict)
		}
	}
	for _, s := range []string{"Confirm", "NONE", ""} {
		if _, err := ParseWitness(s); err == nil {
			t.Errorf("%q accepted: witness is exact case", s)
		}
	}
}

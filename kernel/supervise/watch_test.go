package supervise

import (
	"testing"

	"github.com/dispatchos/dos/kernel/liveness"
)

// Runs §5: the watchdog's action map at its boundaries.
func TestWatch(t *testing.T) {
	p := WatchPolicy{ReproposeMS: DefaultReproposeMS}
	cases := []struct {
		name string
		w    Watched
		want Action
	}{
		{"advancing", Watched{Verdict: liveness.Advancing, SinceProposedMS: ms(1)}, Tally},
		{"spinning", Watched{Verdict: liveness.Spinning}, ProposeHaltNow},
		{"stalled at the budget", Watched{Verdict: liveness.Stalled, AgeMS: 1_800_000, BudgetMS: 1_800_000}, ProposeHaltNow},
		{"stalled one ms under", Watched{Verdict: liveness.Stalled, AgeMS: 1_799_999, BudgetMS: 1_800_000}, WithinBudget},
		{"no budget", Watched{Verdict: liveness.Stalled, AgeMS: 0}, ProposeHaltNow},
		{"proposed just under the window", Watched{Verdict: liveness.Spinning, SinceProposedMS: ms(1_799_999)}, AlreadyProposed},
		{"proposed a window ago", Watched{Verdict: liveness.Spinning, SinceProposedMS: ms(1_800_000)}, ProposeHaltNow},
		{"a stalled run within budget is not re-proposed either", Watched{Verdict: liveness.Stalled, AgeMS: 5, BudgetMS: 10, SinceProposedMS: ms(0)}, WithinBudget},
	}
	for _, c := range cases {
		if got := Watch(c.w, p); got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, got, c.want)
		}
	}
	if HaltReason(liveness.Spinning) != "watchdog: SPINNING (no forward delta)" || HaltReason(liveness.Stalled) != "watchdog: STALLED (hung past budget)" {
		t.Error("halt reasons")
	}
}

package loop

import (
	"testing"

	"github.com/dispatchos/dos/kernel/supervise"
)

// The plan verdicts are constants (so the registry is static data) and must
// spell each outcome as the kernel names it.
func TestPlanVerdictsNameTheOutcomes(t *testing.T) {
	for _, o := range []supervise.Outcome{supervise.AtTarget, supervise.Filling, supervise.TargetUnreachable, supervise.OverTarget} {
		if got := planVerdict(o).Word(); got != o.String() {
			t.Errorf("outcome %s answers verdict %s", o, got)
		}
	}
}

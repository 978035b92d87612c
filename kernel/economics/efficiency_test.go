package economics

import (
	"math"
	"strings"
	"testing"
)

// Runs §12.2: the observed vectors and the ladder's boundaries.
func TestClassifyEfficiency(t *testing.T) {
	floor := EfficiencyPolicy{MinTokens: 1000, Floor: 0.0001}
	cases := []struct {
		work, tokens int64
		p            EfficiencyPolicy
		want         Efficiency
		reason       string
	}{
		{0, 999, DefaultEfficiency, Efficient, "not enough spend"},
		{0, 1000, DefaultEfficiency, Wasteful, "bought nothing"},
		{3, 50000, floor, Costly, "spending a lot per unit"},
		{5, 50000, floor, Efficient, "bought its work"},
		// A ratio exactly at the floor is efficient.
		{1, 10000, floor, Efficient, "bought its work"},
		{0, 0, EfficiencyPolicy{}, Efficient, "not enough spend"},
		{1, 1, EfficiencyPolicy{}, Efficient, ""},
		// The default floor never reads COSTLY.
		{1, 1 << 40, DefaultEfficiency, Efficient, ""},
	}
	for _, c := range cases {
		v := ClassifyEfficiency(c.work, c.tokens, c.p)
		if v.Verdict != c.want || !strings.Contains(v.Reason, c.reason) {
			t.Errorf("%d/%d %+v: got %s %q, want %s containing %q", c.work, c.tokens, c.p, v.Verdict, v.Reason, c.want, c.reason)
		}
	}
	if v := ClassifyEfficiency(3, 50000, floor); !strings.Contains(v.Reason, "6e-05") || !strings.Contains(v.Reason, "0.0001") {
		t.Errorf("ratios print with 6 significant digits: %q", v.Reason)
	}
	if Ratio(5, 0) != 0 {
		t.Error("a ratio over no tokens is 0")
	}
	for _, bad := range []EfficiencyPolicy{{MinTokens: -1}, {Floor: -0.1}, {Floor: math.NaN()}, {Floor: math.Inf(1)}} {
		if bad.Validate() == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

package economics

import (
	"strings"
	"testing"
)

func samples(pairs ...int64) []Sample {
	var out []Sample
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, Sample{Work: pairs[i], Tokens: pairs[i+1]})
	}
	return out
}

// Runs §12.6 (efficiency-trend).
func TestClassifyTrend(t *testing.T) {
	cases := []struct {
		s      []Sample
		p      TrendPolicy
		want   Trend
		reason string
	}{
		{samples(9, 1000, 8, 1000, 3, 2000, 2, 2400), DefaultTrend, Degrading, "25%"},
		{samples(10, 1000, 9, 1000, 11, 1000, 10, 1000), DefaultTrend, Steady, "steady"},
		{samples(2, 1000, 3, 1000, 8, 1000, 9, 1000), DefaultTrend, Improving, "improving"},
		{samples(9, 1000, 8, 1000), DefaultTrend, Steady, "not enough history"},
		// min-samples is floored at 3.
		{samples(1, 1, 5, 1), TrendPolicy{MinSamples: 0, Tolerance: 0.25}, Steady, "fewer than 3"},
		{samples(1, 1, 1, 1, 1, 1), TrendPolicy{MinSamples: 4, Tolerance: 0.25}, Steady, "fewer than 4"},
		// The band is strict: exactly 25% under is still steady.
		{samples(4, 1, 3, 1, 3, 1), DefaultTrend, Steady, ""},
		{samples(4, 1, 2, 1, 2, 1), DefaultTrend, Degrading, ""},
		// One run outside the band is not a trend.
		{samples(4, 1, 1, 1, 4, 1), DefaultTrend, Steady, ""},
		// From nothing to something is improvement.
		{samples(0, 5, 1, 5, 1, 5), DefaultTrend, Improving, ""},
		// The median resists one outlier in the baseline.
		{samples(10, 1, 10, 1, 1000, 1, 10, 1, 10, 1), DefaultTrend, Steady, ""},
	}
	for _, c := range cases {
		v := ClassifyTrend(c.s, c.p)
		if v.Verdict != c.want || !strings.Contains(v.Reason, c.reason) {
			t.Errorf("%v %+v: got %s %q, want %s containing %q", c.s, c.p, v.Verdict, v.Reason, c.want, c.reason)
		}
	}
	if v := ClassifyTrend(samples(1, 1, 3, 1, 9, 9, 9, 9), DefaultTrend); v.Baseline != 2 {
		t.Errorf("baseline of an even count is the mean of the middle two: %v", v.Baseline)
	}
}

package economics

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Trend is the verdict on work per token across runs.
type Trend int

// The trend verdicts.
const (
	// Steady: inside the band, or too few runs to judge.
	Steady Trend = iota
	// Improving: the last two runs both beat the band.
	Improving
	// Degrading: the last two runs both fell under the band.
	Degrading
)

// String returns the verdict word.
func (t Trend) String() string {
	switch t {
	case Steady:
		return "STEADY"
	case Improving:
		return "IMPROVING"
	case Degrading:
		return "DEGRADING"
	}
	return fmt.Sprintf("Trend(%d)", int(t))
}

// Sample is one run's work and tokens.
type Sample struct {
	Work, Tokens int64
}

// Ratio is the sample's work per token.
func (s Sample) Ratio() float64 { return Ratio(s.Work, s.Tokens) }

// TrendPolicy holds the trend thresholds.
type TrendPolicy struct {
	// MinSamples is how many runs must exist before a trend is judged; it
	// is never less than 3 (two runs judged against at least one).
	MinSamples int
	// Tolerance is the band around the baseline, as a fraction.
	Tolerance float64
}

// DefaultTrend is 3 runs and a 25% band.
var DefaultTrend = TrendPolicy{MinSamples: 3, Tolerance: 0.25}

// Validate refuses negative or non-finite thresholds.
func (p TrendPolicy) Validate() error {
	if p.MinSamples < 0 {
		return errors.New("min-samples must not be negative")
	}
	if p.Tolerance < 0 || math.IsNaN(p.Tolerance) || math.IsInf(p.Tolerance, 0) {
		return errors.New("tolerance must be a finite number, not negative")
	}
	return nil
}

// TrendVerdict is the answer with the baseline it judged against.
type TrendVerdict struct {
	Verdict Trend
	Reason  string
	// Baseline is the median ratio of the runs before the last two; 0 when
	// there were too few runs to judge.
	Baseline float64
}

// ClassifyTrend judges samples (oldest first). The baseline is the median
// work-per-token ratio of every run before the last two; both last two more
// than the tolerance under it is DEGRADING, both more than it above is
// IMPROVING, anything else STEADY.
func ClassifyTrend(samples []Sample, p TrendPolicy) TrendVerdict {
	n := len(samples)
	need := max(p.MinSamples, 3)
	if n < need {
		return TrendVerdict{Verdict: Steady, Reason: fmt.Sprintf("%d run(s) so far, fewer than %d: not enough history to judge a trend across runs", n, need)}
	}
	last, prior := samples[n-1].Ratio(), samples[n-2].Ratio()
	base := median(samples[:n-2])
	low, high := base*(1-p.Tolerance), base*(1+p.Tolerance)
	v := TrendVerdict{Baseline: base}
	switch {
	case last < low && prior < low:
		v.Verdict = Degrading
		v.Reason = fmt.Sprintf("the last two of %d runs landed %s then %s work per token, both more than %s under the baseline of %s (the median of the runs before): degrading", n, g(prior), g(last), pct(p.Tolerance), g(base))
	case last > high && prior > high:
		v.Verdict = Improving
		v.Reason = fmt.Sprintf("the last two of %d runs landed %s then %s work per token, both more than %s over the baseline of %s (the median of the runs before): improving", n, g(prior), g(last), pct(p.Tolerance), g(base))
	default:
		v.Verdict = Steady
		v.Reason = fmt.Sprintf("the last two of %d runs landed %s then %s work per token against a baseline of %s (band ±%s): steady", n, g(prior), g(last), g(base), pct(p.Tolerance))
	}
	return v
}

// median is the median ratio of samples (at least one).
func median(samples []Sample) float64 {
	r := make([]float64, len(samples))
	for i, s := range samples {
		r[i] = s.Ratio()
	}
	slices.Sort(r)
	m := len(r) / 2
	if len(r)%2 == 1 {
		return r[m]
	}
	return (r[m-1] + r[m]) / 2
}

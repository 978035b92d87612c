package economics

import (
	"errors"
	"fmt"
	"math"
)

// Efficiency is the verdict on what a run's tokens bought.
type Efficiency int

// The efficiency verdicts.
const (
	// Efficient: the spend bought its work, or too little was spent to judge.
	Efficient Efficiency = iota
	// Costly: work landed, but at a ratio under the floor.
	Costly
	// Wasteful: meaningful spend, no work at all.
	Wasteful
)

// String returns the verdict word.
func (e Efficiency) String() string {
	switch e {
	case Efficient:
		return "EFFICIENT"
	case Costly:
		return "COSTLY"
	case Wasteful:
		return "WASTEFUL"
	}
	return fmt.Sprintf("Efficiency(%d)", int(e))
}

// EfficiencyPolicy holds the efficiency thresholds.
type EfficiencyPolicy struct {
	// MinTokens is the spend below which no run is judged.
	MinTokens int64
	// Floor is the lowest acceptable work per token; 0 disables COSTLY.
	Floor float64
}

// DefaultEfficiency is a 1000-token minimum and no floor.
var DefaultEfficiency = EfficiencyPolicy{MinTokens: 1000}

// Validate refuses negative or non-finite thresholds.
func (p EfficiencyPolicy) Validate() error {
	if p.MinTokens < 0 {
		return errors.New("min-tokens must not be negative")
	}
	if p.Floor < 0 || math.IsNaN(p.Floor) || math.IsInf(p.Floor, 0) {
		return errors.New("floor must be a finite number, not negative")
	}
	return nil
}

// EfficiencyVerdict is the answer with the ratio it judged.
type EfficiencyVerdict struct {
	Verdict Efficiency
	Reason  string
	// Ratio is work per token; 0 when no tokens were spent.
	Ratio float64
}

// Ratio is work over tokens, 0 when tokens is 0.
func Ratio(work, tokens int64) float64 {
	if tokens <= 0 {
		return 0
	}
	return float64(work) / float64(tokens)
}

// ClassifyEfficiency judges work landed for tokens spent (both
// non-negative). Less than MinTokens (or none) is EFFICIENT; no work is
// WASTEFUL; a ratio strictly under the floor is COSTLY; else EFFICIENT.
func ClassifyEfficiency(work, tokens int64, p EfficiencyPolicy) EfficiencyVerdict {
	r := Ratio(work, tokens)
	switch {
	case tokens < p.MinTokens || tokens == 0:
		return EfficiencyVerdict{Efficient, fmt.Sprintf("%d token(s) spent, fewer than %d: not enough spend to judge", tokens, p.MinTokens), r}
	case work == 0:
		return EfficiencyVerdict{Wasteful, fmt.Sprintf("%d tokens spent and 0 work units landed: the spend bought nothing", tokens), r}
	case r < p.Floor:
		return EfficiencyVerdict{Costly, fmt.Sprintf("%d work units for %d tokens is %s per token, under the floor of %s: doing work, but spending a lot per unit", work, tokens, g(r), g(p.Floor)), r}
	}
	return EfficiencyVerdict{Efficient, fmt.Sprintf("%d work units for %d tokens is %s per token, at or above the floor of %s: the spend bought its work", work, tokens, g(r), g(p.Floor)), r}
}

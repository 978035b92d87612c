package usage

import "fmt"

// Breakdown is a run's token spend split into disjoint parts. Input, Output,
// CacheRead and CacheCreation do not overlap, so their sum is the total;
// Reasoning is the part of Output the model spent thinking and is never
// added on its own.
type Breakdown struct {
	Input         int64
	Output        int64
	CacheRead     int64
	CacheCreation int64
	Reasoning     int64
}

// Total is every token billed, whatever its rate.
func (b Breakdown) Total() int64 { return b.Input + b.Output + b.CacheRead + b.CacheCreation }

// Prefill is every input token processed, from the cache or not.
func (b Breakdown) Prefill() int64 { return b.Input + b.CacheRead + b.CacheCreation }

// Spend is a breakdown as printed: the five counts, the totals and the three
// ratios (each 0 when its denominator is 0). The keys are the reference's,
// in sorted order.
type Spend struct {
	CacheCreation int64   `json:"cache_creation"`
	CacheHitRatio float64 `json:"cache_hit_ratio"`
	CacheRead     int64   `json:"cache_read"`
	Decode        int64   `json:"decode"`
	Input         int64   `json:"input"`
	Output        int64   `json:"output"`
	// OutputShare is output over total: the expensive, sequential side.
	OutputShare float64 `json:"output_share"`
	Prefill     int64   `json:"prefill"`
	Reasoning   int64   `json:"reasoning"`
	// ReasoningShare is reasoning over output.
	ReasoningShare float64 `json:"reasoning_share"`
	Total          int64   `json:"total"`
}

// Spend returns b with its totals and ratios.
func (b Breakdown) Spend() Spend {
	s := Spend{
		Input: b.Input, Output: b.Output, CacheRead: b.CacheRead, CacheCreation: b.CacheCreation,
		Reasoning: b.Reasoning, Total: b.Total(), Prefill: b.Prefill(), Decode: b.Output,
	}
	s.CacheHitRatio = ratio(b.CacheRead, s.Prefill)
	s.OutputShare = ratio(b.Output, s.Total)
	s.ReasoningShare = ratio(b.Reasoning, b.Output)
	return s
}

func ratio(a, b int64) float64 {
	if b <= 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// add returns b+o, or an error when a count would overflow.
func (b Breakdown) add(o Breakdown) (Breakdown, error) {
	var err error
	sum := func(x, y int64) int64 {
		if x > maxCount-y {
			err = fmt.Errorf("usage: token counts overflow when summed")
			return 0
		}
		return x + y
	}
	out := Breakdown{
		Input: sum(b.Input, o.Input), Output: sum(b.Output, o.Output), CacheRead: sum(b.CacheRead, o.CacheRead),
		CacheCreation: sum(b.CacheCreation, o.CacheCreation), Reasoning: sum(b.Reasoning, o.Reasoning),
	}
	return out, err
}

// maxCount bounds one count so that a breakdown's total cannot overflow.
const maxCount = 1 << 60

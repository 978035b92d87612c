package economics

import (
	"errors"
	"fmt"
)

// Productivity is the verdict on a run's per-step work trend.
type Productivity int

// The productivity verdicts.
const (
	// Productive: still landing work per step, or too little history.
	Productive Productivity = iota
	// Diminishing: the last two steps both landed less than the floor.
	Diminishing
	// ProductivityStalled: the last step landed nothing.
	ProductivityStalled
)

// String returns the verdict word.
func (p Productivity) String() string {
	switch p {
	case Productive:
		return "PRODUCTIVE"
	case Diminishing:
		return "DIMINISHING"
	case ProductivityStalled:
		return "STALLED"
	}
	return fmt.Sprintf("Productivity(%d)", int(p))
}

// ProductivityPolicy holds the productivity thresholds.
type ProductivityPolicy struct {
	// MinSteps is how many steps must exist before a run is judged.
	MinSteps int
	// Floor is the per-step work below which a step "did little".
	Floor int64
}

// DefaultProductivity is 3 steps and a 500-unit floor.
var DefaultProductivity = ProductivityPolicy{MinSteps: 3, Floor: 500}

// Validate refuses negative thresholds.
func (p ProductivityPolicy) Validate() error {
	if p.MinSteps < 0 {
		return errors.New("min-steps must not be negative")
	}
	if p.Floor < 0 {
		return errors.New("floor must not be negative")
	}
	return nil
}

// ProductivityVerdict is the answer with the trend it read.
type ProductivityVerdict struct {
	Verdict Productivity
	Reason  string
	// Last and Prior are the last two deltas; HasLast and HasPrior say
	// whether the history is long enough to have them.
	Last, Prior       int64
	HasLast, HasPrior bool
}

// ClassifyProductivity judges deltas (work per step, oldest first, each
// non-negative). Fewer than MinSteps steps is PRODUCTIVE (no trend yet); a
// last step of 0 is STALLED; the last two both under the floor is
// DIMINISHING; anything else is PRODUCTIVE.
func ClassifyProductivity(deltas []int64, p ProductivityPolicy) ProductivityVerdict {
	n := len(deltas)
	v := ProductivityVerdict{}
	if n >= 1 {
		v.Last, v.HasLast = deltas[n-1], true
	}
	if n >= 2 {
		v.Prior, v.HasPrior = deltas[n-2], true
	}
	if n < p.MinSteps || n == 0 {
		v.Verdict = Productive
		v.Reason = fmt.Sprintf("%d work step(s) so far, fewer than %d: not enough history to judge a fading rate", n, p.MinSteps)
		return v
	}
	if v.Last == 0 {
		v.Verdict = ProductivityStalled
		v.Reason = fmt.Sprintf("the last of %d steps landed 0 work units: flat-lined", n)
		return v
	}
	prior := p.Floor
	if v.HasPrior {
		prior = v.Prior
	}
	if v.Last < p.Floor && prior < p.Floor {
		v.Verdict = Diminishing
		v.Reason = fmt.Sprintf("the last two of %d steps landed %d then %d work units, both under the floor of %d: diminishing returns", n, prior, v.Last, p.Floor)
		return v
	}
	v.Verdict = Productive
	v.Reason = fmt.Sprintf("the last of %d steps landed %d work units (the one before %d, floor %d): still productive", n, v.Last, prior, p.Floor)
	return v
}

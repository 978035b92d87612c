package economics

import (
	"strings"
	"testing"
)

// Runs §12.1: the observed vectors and the ladder's boundaries.
func TestClassifyProductivity(t *testing.T) {
	cases := []struct {
		deltas []int64
		p      ProductivityPolicy
		want   Productivity
		reason string
	}{
		{[]int64{5, 3, 1, 0}, DefaultProductivity, ProductivityStalled, "flat-lined"},
		{[]int64{5, 3, 1}, DefaultProductivity, Diminishing, "3 then 1"},
		{[]int64{600, 100, 700}, DefaultProductivity, Productive, "still productive"},
		{[]int64{1000, 0, 400}, DefaultProductivity, Diminishing, "0 then 400"},
		{[]int64{5, 3}, DefaultProductivity, Productive, "not enough history"},
		{nil, DefaultProductivity, Productive, "not enough history"},
		{nil, ProductivityPolicy{MinSteps: 0, Floor: 500}, Productive, "not enough history"},
		// The floor is strict: a delta equal to it is not "under".
		{[]int64{9, 499, 499}, DefaultProductivity, Diminishing, "diminishing"},
		{[]int64{9, 500, 499}, DefaultProductivity, Productive, ""},
		{[]int64{9, 499, 500}, DefaultProductivity, Productive, ""},
		// Exactly min-steps steps is judged; one fewer is not.
		{[]int64{1, 1}, ProductivityPolicy{MinSteps: 2, Floor: 500}, Diminishing, ""},
		{[]int64{1}, ProductivityPolicy{MinSteps: 2, Floor: 500}, Productive, "not enough"},
		// One step with min-steps 1 has no prior: it can only stall.
		{[]int64{1}, ProductivityPolicy{MinSteps: 1, Floor: 500}, Productive, "still productive"},
		{[]int64{0}, ProductivityPolicy{MinSteps: 1, Floor: 500}, ProductivityStalled, ""},
		// A zero floor never diminishes.
		{[]int64{0, 1, 1}, ProductivityPolicy{MinSteps: 3, Floor: 0}, Productive, ""},
	}
	for _, c := range cases {
		v := ClassifyProductivity(c.deltas, c.p)
		if v.Verdict != c.want || !strings.Contains(v.Reason, c.reason) {
			t.Errorf("%v %+v: got %s %q, want %s containing %q", c.deltas, c.p, v.Verdict, v.Reason, c.want, c.reason)
		}
	}
}

func TestProductivityHistory(t *testing.T) {
	v := ClassifyProductivity([]int64{7}, DefaultProductivity)
	if !v.HasLast || v.Last != 7 || v.HasPrior {
		t.Fatalf("one step: %+v", v)
	}
	v = ClassifyProductivity([]int64{7, 8}, DefaultProductivity)
	if v.Last != 8 || v.Prior != 7 || !v.HasPrior {
		t.Fatalf("two steps: %+v", v)
	}
	if err := (ProductivityPolicy{MinSteps: -1}).Validate(); err == nil {
		t.Fatal("negative min-steps accepted")
	}
	if err := (ProductivityPolicy{Floor: -1}).Validate(); err == nil {
		t.Fatal("negative floor accepted")
	}
}

package tree

import (
	"strings"
	"testing"
)

// The §3 vectors, replayed at the reference's 1/3 where it tolerated
// overlap, and at our strict default.
func TestScoreVectors(t *testing.T) {
	third := 1.0 / 3
	cases := []struct {
		req, live []string
		ratio     float64
		verdict   Verdict
		shared    int
		requested int
		reason    string
	}{
		{[]string{"a/**", "b/1", "b/2"}, []string{"a/x"}, third, AdmitSoft, 1, 3, "soft-overlap admit — 1/3 = 33% of requested tree shared (≤33%)"},
		{[]string{"a/**", "b/1", "b/2"}, []string{"a/x"}, 0, RefuseOverlap, 1, 3, "overlap too large (1/3 = 33% of requested tree shared, threshold 0%)"},
		{[]string{"a/**", "b/1", "b/2"}, []string{"a/x"}, 0.2, RefuseOverlap, 1, 3, "threshold 20%"},
		{[]string{"a/x"}, []string{"a/**"}, third, RefuseOverlap, 1, 1, "overlap too large (1/1 = 100% of requested tree shared, threshold 33%)"},
		{[]string{"a/**", "b", "c", "d"}, []string{"a/**"}, third, RefuseExactGlob, 1, 4, "exact-glob overlap: identical glob claimed by both lanes (1: a/**)"},
		{[]string{"**/*"}, []string{"**/*"}, third, RefuseOverlap, 1, 1, "1/1"},
		{[]string{"x", "y", "z"}, []string{"**/*"}, third, RefuseOverlap, 3, 3, "3/3"},
		{[]string{"x/**", "y/**"}, []string{"z/**"}, 0, AdmitDisjoint, 0, 2, "no shared prefixes — fully disjoint"},
		{[]string{"a/**", "b/1", "b/2"}, []string{"a/x"}, 0.9, AdmitSoft, 1, 3, "(≤33%)"},
		{[]string{"a/**", "b/1", "b/2"}, []string{"a/x"}, 0.3333, AdmitSoft, 1, 3, "(≤33%)"},
		{[]string{"a/**", "b/1", "b/2"}, []string{"a/x"}, 0.33, RefuseOverlap, 1, 3, "threshold 33%"},
		{[]string{"a/**", "b/1"}, []string{"a/x"}, 0.9, RefuseOverlap, 1, 2, "threshold 33%"},
		{[]string{"./a/**", "b", "c", "d", "e"}, []string{"a/**"}, third, RefuseExactGlob, 1, 5, "(1: ./a/**)"},
		{[]string{"p/1", "p/2", "p/3", "p/4"}, []string{"p/1", "p/2", "p/3", "p/4"}, third, RefuseExactGlob, 4, 4, "(4: p/1, p/2, p/3, …)"},
	}
	for _, c := range cases {
		o := Score(c.req, c.live, c.ratio)
		if o.Verdict != c.verdict || o.Shared != c.shared || o.Requested != c.requested || !strings.Contains(o.Reason, c.reason) {
			t.Errorf("Score(%q, %q, %.3f) = %+v; want %s %d/%d containing %q", c.req, c.live, c.ratio, o, c.verdict, c.shared, c.requested, c.reason)
		}
	}
}

// The ratio rule is asymmetric; the mirror of the first vector refuses.
func TestScoreAsymmetry(t *testing.T) {
	if v := Score([]string{"a/x"}, []string{"a/**", "b/1", "b/2"}, 1.0/3).Verdict; v != RefuseOverlap {
		t.Errorf("mirror verdict = %s, want %s", v, RefuseOverlap)
	}
}

func TestPercent(t *testing.T) {
	for r, want := range map[float64]string{0: "0%", 1.0 / 3: "33%", 0.125: "12%", 0.135: "14%", 2.0 / 3: "67%", 1: "100%"} {
		if got := Percent(r); got != want {
			t.Errorf("Percent(%v) = %q, want %q", r, got, want)
		}
	}
}

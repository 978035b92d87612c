package stamp

import (
	"sort"
	"testing"
)

// Variants come out in the order of their regex keys, escapes included,
// whatever order the set yields them in.
func TestSortedVariantsFollowRegexKeys(t *testing.T) {
	in := []string{"P1", "P 1", "P-1", "P.1", "P1'", "Phase 1", "Phase1", "p1", "P(1)", "P\t1", "P#1", "Pa", "P~1"}
	vs := map[string]struct{}{}
	for _, v := range in {
		vs[v] = struct{}{}
	}
	want := append([]string(nil), in...)
	sort.Slice(want, func(i, j int) bool { return regexKey(want[i]) < regexKey(want[j]) })
	for range 20 {
		got := sortedVariants(vs)
		if len(got) != len(want) {
			t.Fatalf("got %q, want %q", got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("got %q, want %q", got, want)
			}
		}
	}
	if regexKey("P-1.2 x") != `P\-1\.2\ x` || regexKey("AUTH1") != "AUTH1" {
		t.Fatalf("regexKey: %q %q", regexKey("P-1.2 x"), regexKey("AUTH1"))
	}
}

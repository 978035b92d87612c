package tree

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// The observed vectors of the spec's §2, with the three false-disjoints the
// reference admitted turned into collisions.
func TestDisjointVectors(t *testing.T) {
	cases := []struct {
		a, b     string
		disjoint bool
	}{
		{"src/api/**", "src/worker/**", true},
		{"**/*", "x", false},
		{"*.py", "src/a.py", false},
		{`Src\Api\*`, "src/api/x", false},
		{"src/api/**", "src/apiary/x.py", true},
		{"src/api", "src/apiary/x", false},
		{"docs/ui-*", "docs/svc-*", true},
		{"./src/**", "src/**", false},
		{"src//a", "src/a", false},
		{"src/?.py", "src/a.py", false},
		{"../src/x", "docs/y", false},
		{"   ", "docs/y", false},
	}
	for _, c := range cases {
		for _, pair := range [][2]string{{c.a, c.b}, {c.b, c.a}} {
			if got := Disjoint([]string{pair[0]}, []string{pair[1]}); got != c.disjoint {
				t.Errorf("Disjoint(%q, %q) = %v, want %v", pair[0], pair[1], got, c.disjoint)
			}
		}
	}
}

func TestDisjointUnknownTrees(t *testing.T) {
	for _, c := range [][2][]string{
		{nil, {"a/**"}}, {{"a/**"}, nil}, {{""}, {"a/**"}}, {{"", ""}, {"b"}}, {nil, nil},
	} {
		if Disjoint(c[0], c[1]) {
			t.Errorf("Disjoint(%q, %q) = true; an unknown tree is never disjoint", c[0], c[1])
		}
	}
	// a blank entry beside real ones is dropped, not universal.
	if !Disjoint([]string{"", "a/**"}, []string{"b/**"}) {
		t.Error(`Disjoint(["", "a/**"], ["b/**"]) = false, want true`)
	}
}

// naiveDisjoint is the definition: every pair of normalized entries.
func naiveDisjoint(a, b []string) bool {
	if !Known(a) || !Known(b) {
		return false
	}
	for _, x := range Prefixes(a) {
		for _, y := range Prefixes(b) {
			if Collide(x, y) {
				return false
			}
		}
	}
	return true
}

// TestDisjointMatchesPairwise checks the sorted-neighbour fast path
// against the pairwise definition on random trees over a tiny alphabet,
// where prefixes, duplicates and near-misses are common.
func TestDisjointMatchesPairwise(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	parts := []string{"a", "b", "ab", "a/", "b/", "", "*", "/", "A", "./", "?"}
	entry := func() string {
		var sb strings.Builder
		for range r.IntN(4) {
			sb.WriteString(parts[r.IntN(len(parts))])
		}
		return sb.String()
	}
	treeOf := func() []string {
		out := make([]string, r.IntN(5))
		for i := range out {
			out[i] = entry()
		}
		return out
	}
	for i := range 40000 {
		a, b := treeOf(), treeOf()
		if got, want := Disjoint(a, b), naiveDisjoint(a, b); got != want {
			t.Fatalf("case %d: Disjoint(%q, %q) = %v, pairwise says %v", i, a, b, got, want)
		}
		s := NewSet(b)
		for _, p := range Prefixes(a) {
			want := false
			for _, q := range Prefixes(b) {
				want = want || Collide(p, q)
			}
			if s.Collides(p) != want {
				t.Fatalf("case %d: Set(%q).Collides(%q) = %v, want %v", i, b, p, !want, want)
			}
			covered := false
			for _, q := range Prefixes(b) {
				covered = covered || strings.HasPrefix(p, q)
			}
			if s.Covers(p) != covered {
				t.Fatalf("case %d: Set(%q).Covers(%q) = %v, want %v", i, b, p, !covered, covered)
			}
		}
	}
}

func TestSetDropsCovered(t *testing.T) {
	s := NewSet([]string{"src/api/**", "src/**", "src/api/x", "docs/", "docs/", "src/"})
	if s.Len() != 2 {
		t.Errorf("Len = %d, want 2 (src/ and docs/)", s.Len())
	}
	var zero Set
	if zero.Collides("") {
		t.Error("the zero Set collides with something")
	}
}

func BenchmarkDisjoint(b *testing.B) {
	var x, y []string
	for i := range 200 {
		x = append(x, fmt.Sprintf("src/pkg%03d/**", i))
		y = append(y, fmt.Sprintf("lib/pkg%03d/**", i))
	}
	b.Run("fast", func(b *testing.B) {
		for b.Loop() {
			Disjoint(x, y)
		}
	})
	b.Run("pairwise", func(b *testing.B) {
		for b.Loop() {
			naiveDisjoint(x, y)
		}
	})
}

// FuzzDisjoint checks the fast path against the pairwise definition on
// arbitrary two-entry trees, and that disjointness is symmetric.
func FuzzDisjoint(f *testing.F) {
	f.Add("src/api/**", "", "src/apiary/x", "docs/**")
	f.Add("./src/**", "a", "src//b", "*.py")
	f.Add("Src\\Api\\*", "x", "src/api/x", "ß")
	f.Fuzz(func(t *testing.T, a1, a2, b1, b2 string) {
		a, b := []string{a1, a2}, []string{b1, b2}
		got, want := Disjoint(a, b), naiveDisjoint(a, b)
		if got != want {
			t.Fatalf("Disjoint(%q, %q) = %v, pairwise says %v", a, b, got, want)
		}
		if Disjoint(b, a) != got {
			t.Fatalf("Disjoint is not symmetric on %q, %q", a, b)
		}
	})
}

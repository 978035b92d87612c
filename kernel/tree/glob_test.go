package tree

import (
	"strings"
	"testing"
)

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		pat, name string
		want      bool
	}{
		{"docs/**/*-plan.md", "docs/a-plan.md", true},
		{"docs/**/*-plan.md", "docs/x/y/a-plan.md", true},
		{"docs/**/*-plan.md", "docs/x/notes.md", false},
		{"docs/**/*-plan.md", "src/a-plan.md", false},
		{"**/*.md", "a.md", true},
		{"**", "a/b/c", true},
		{"plans/*.md", "plans/x/a.md", false},
		{"plans/[", "plans/[", false},
	}
	for _, tc := range tests {
		if got := MatchGlob(tc.pat, tc.name); got != tc.want {
			t.Errorf("MatchGlob(%q, %q) = %v", tc.pat, tc.name, got)
		}
	}
}

// FuzzMatchGlob: the matcher never panics, and a pattern always matches
// itself when it has no wildcard.
func FuzzMatchGlob(f *testing.F) {
	f.Add("docs/**/*-plan.md", "docs/a/b-plan.md")
	f.Add("**/**/x", "x")
	f.Add("[", "[")
	f.Fuzz(func(t *testing.T, pat, name string) {
		MatchGlob(pat, name)
		if !strings.ContainsAny(pat, `*?[\`) && !MatchGlob(pat, pat) {
			t.Fatalf("%q does not match itself", pat)
		}
	})
}

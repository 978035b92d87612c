package workspace

import (
	"os"
	"path/filepath"
	"reflect"
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

func TestGlobFiles(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"docs/1_a-plan.md", "docs/sub/1_b-plan.md", "docs/readme.md", ".git/docs/x-plan.md", "src/c-plan.md"} {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := GlobFiles(root, "docs/**/*-plan.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"docs/1_a-plan.md", "docs/sub/1_b-plan.md"}; !reflect.DeepEqual(got, want) {
		t.Errorf("GlobFiles = %q, want %q", got, want)
	}
	if got, err := GlobFiles(root, "nope/**/*.md"); err != nil || len(got) != 0 {
		t.Errorf("missing dir: %q, %v", got, err)
	}
	got, _ = GlobFiles(root, "**/*-plan.md")
	for _, g := range got {
		if strings.HasPrefix(g, ".git/") {
			t.Errorf(".git searched: %q", got)
		}
	}
	if len(got) != 3 {
		t.Errorf("**/*-plan.md = %q", got)
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

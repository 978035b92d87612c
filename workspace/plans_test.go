package workspace

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

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

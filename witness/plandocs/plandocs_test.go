package plandocs

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestFind(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{"docs/a-plan.md", "docs/x/y/b-plan.md", "docs/c.md", "src/d-plan.md", ".git/e-plan.md", "docs/node_modules/f-plan.md"} {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(p), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docs, err := Find(root, "docs/**/*-plan.md")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.Rel)
	}
	want := []string{"docs/a-plan.md", "docs/x/y/b-plan.md"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

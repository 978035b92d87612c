package gendocs

import (
	"os"
	"testing"
)

// The README's verb table is generated from the registry; a stale one
// fails here. DOS_UPDATE_DOCS=1 rewrites it.
func TestReadmeVerbTableIsCurrent(t *testing.T) {
	path := "../../README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Rewrite(string(b))
	if err != nil {
		t.Fatal(err)
	}
	if want == string(b) {
		return
	}
	if os.Getenv("DOS_UPDATE_DOCS") == "1" {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("README.md's verb table is stale: run DOS_UPDATE_DOCS=1 go test ./internal/gendocs")
}

package truth

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dispatchos/dos/internal/gittest"
	"github.com/dispatchos/dos/workspace"
)

func open(t *testing.T, dir string, o Options) (*Reader, error) {
	t.Helper()
	ws, err := workspace.Resolve(workspace.Options{Flag: dir, Getenv: func(string) string { return "" }, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	return Open(context.Background(), ws, o)
}

// The reader's errors are typed, so each surface can map them.
func TestOpenErrors(t *testing.T) {
	if _, err := open(t, t.TempDir(), Options{}); !errors.Is(err, ErrNotGit) {
		t.Errorf("plain directory: %v, want ErrNotGit", err)
	}
	dir := gittest.Init(t)
	gittest.Commit(t, dir, "AUTH1: ship", "a.go")
	var refErr *RefError
	if _, err := open(t, dir, Options{Ref: "no-such-ref"}); !errors.As(err, &refErr) || refErr.Ref != "no-such-ref" {
		t.Errorf("bad ref: %v, want a RefError", err)
	}
	for _, p := range []string{"docs/317_a-plan.md", "docs/317_b-plan.md"} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte("# plan\n"), 0o644)
	}
	r, err := open(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var amb *AmbiguousPlanError
	if _, err := r.Verify("docs/317", "P1"); !errors.As(err, &amb) || len(amb.Docs) != 2 {
		t.Errorf("ambiguous plan: %v", err)
	}
	v, err := r.Verify("AUTH", "AUTH1")
	if err != nil || !v.Shipped || !strings.HasPrefix(v.Line(), "SHIPPED AUTH AUTH1 ") {
		t.Errorf("a plain verify through the reader: %+v %v", v, err)
	}
}

// A repository with no commits is an empty history, not an error.
func TestUnbornHead(t *testing.T) {
	r, err := open(t, gittest.Init(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, err := r.Verify("AUTH", "AUTH1"); err != nil || v.Shipped || v.Line() != "NOT_SHIPPED AUTH AUTH1 (via none)" {
		t.Fatalf("%+v %v", v, err)
	}
}

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
	if _, err := r.Verify(context.Background(), "docs/317", "P1"); !errors.As(err, &amb) || len(amb.Docs) != 2 {
		t.Errorf("ambiguous plan: %v", err)
	}
	v, err := r.Verify(context.Background(), "AUTH", "AUTH1")
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
	if v, err := r.Verify(context.Background(), "AUTH", "AUTH1"); err != nil || v.Shipped || v.Line() != "NOT_SHIPPED AUTH AUTH1 (via none)" {
		t.Fatalf("%+v %v", v, err)
	}
}

// --ref takes what git takes: names, tags, hashes and their prefixes, and
// ancestry steps, HEAD~1^ included; a linked worktree answers for its own
// HEAD.
func TestRefSyntax(t *testing.T) {
	dir := gittest.Init(t)
	gittest.Commit(t, dir, "AUTH1: one", "a.go")
	gittest.Commit(t, dir, "AUTH2: two", "b.go")
	gittest.Commit(t, dir, "AUTH3: three", "c.go")
	gittest.Git(t, dir, "tag", "-a", "-m", "annotated", "v2", "HEAD~1")
	gittest.Git(t, dir, "branch", "old", "HEAD~2")
	first := gittest.Git(t, dir, "rev-parse", "HEAD~2")
	shipped := func(ref string) string {
		t.Helper()
		r, err := open(t, dir, Options{Ref: ref})
		if err != nil {
			t.Fatalf("--ref %s: %v", ref, err)
		}
		out := ""
		for _, p := range []string{"AUTH1", "AUTH2", "AUTH3"} {
			v, err := r.Verify(context.Background(), "AUTH", p)
			if err != nil {
				t.Fatal(err)
			}
			if v.Shipped {
				out += p + " "
			}
		}
		return out
	}
	for ref, want := range map[string]string{
		"": "AUTH1 AUTH2 AUTH3 ", "HEAD": "AUTH1 AUTH2 AUTH3 ", "main": "AUTH1 AUTH2 AUTH3 ",
		"HEAD~1": "AUTH1 AUTH2 ", "HEAD^": "AUTH1 AUTH2 ", "v2": "AUTH1 AUTH2 ", "v2^{}": "AUTH1 AUTH2 ",
		"HEAD~1^": "AUTH1 ", "HEAD^^": "AUTH1 ", "main~2": "AUTH1 ", "old": "AUTH1 ", first: "AUTH1 ", first[:8]: "AUTH1 ",
	} {
		if got := shipped(ref); got != want {
			t.Errorf("--ref %q ships %q, want %q", ref, got, want)
		}
	}
	gittest.Git(t, dir, "pack-refs", "--all")
	if got := shipped("old"); got != "AUTH1 " {
		t.Errorf("a packed branch ships %q", got)
	}
	var refErr *RefError
	for _, bad := range []string{"HEAD~3", "nosuch", "HEAD^{tree}"} {
		if _, err := open(t, dir, Options{Ref: bad}); !errors.As(err, &refErr) || !strings.HasPrefix(err.Error(), "cannot resolve") {
			t.Errorf("--ref %s: %v, want a RefError", bad, err)
		}
	}
	wt := filepath.Join(t.TempDir(), "wt")
	gittest.Git(t, dir, "worktree", "add", "-q", wt, "old")
	r, err := open(t, wt, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := r.Verify(context.Background(), "AUTH", "AUTH2"); v.Shipped {
		t.Error("a linked worktree on old must not see AUTH2")
	}
}

// Branches, packed refs and a linked worktree's HEAD resolve from the ref
// files: once the index is warm, no git is needed to answer for them.
func TestWarmRefsNeedNoGit(t *testing.T) {
	dir := gittest.Init(t)
	gittest.Commit(t, dir, "AUTH1: one", "a.go")
	gittest.Git(t, dir, "branch", "side")
	gittest.Commit(t, dir, "AUTH2: two", "b.go")
	gittest.Git(t, dir, "pack-refs", "--all")
	wt := filepath.Join(t.TempDir(), "wt")
	gittest.Git(t, dir, "worktree", "add", "-q", wt, "side")
	type q struct{ dir, ref, phase string }
	cases := []q{{dir, "", "AUTH2"}, {dir, "side", "AUTH1"}, {dir, "refs/heads/side", "AUTH1"}, {wt, "", "AUTH1"}}
	for pass := range 2 {
		if pass == 1 {
			t.Setenv("PATH", t.TempDir())
		}
		for _, c := range cases {
			r, err := open(t, c.dir, Options{Ref: c.ref})
			if err != nil {
				t.Fatalf("pass %d, %+v: %v", pass, c, err)
			}
			if v, err := r.Verify(context.Background(), "AUTH", c.phase); err != nil || !v.Shipped {
				t.Fatalf("pass %d, %+v: %+v %v", pass, c, v, err)
			}
		}
	}
}

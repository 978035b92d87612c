package git

import (
	"encoding/hex"
	"path/filepath"
	"testing"

	"github.com/dispatchos/dos/internal/gittest"
)

func run(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return gittest.Git(t, dir, args...)
}

// ReadRef must agree with git rev-parse wherever it answers, loose and
// packed, branch, detached HEAD and linked worktree alike.
func TestReadRefAgreesWithGit(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "init", "-q", "-b", "main")
	run(t, dir, "commit", "-q", "--allow-empty", "-m", "one")
	run(t, dir, "branch", "side")
	run(t, dir, "commit", "-q", "--allow-empty", "-m", "two")
	run(t, dir, "tag", "-a", "-m", "annotated", "v1")
	run(t, dir, "tag", "light")
	check := func(gitDir, common, name, wt string) {
		t.Helper()
		h, err := ReadRef(gitDir, common, name)
		if err != nil {
			if name == "v1" || name == "light" {
				return // tags may take the slow path
			}
			t.Fatalf("ReadRef(%s): %v", name, err)
		}
		want := run(t, wt, "rev-parse", name+"^{commit}")
		if got := hex.EncodeToString(h[:]); got != want {
			t.Fatalf("ReadRef(%s) = %s, git says %s", name, got, want)
		}
	}
	gd := filepath.Join(dir, ".git")
	for _, n := range []string{"HEAD", "main", "side", "refs/heads/side", "light", "v1"} {
		check(gd, gd, n, dir)
	}
	run(t, dir, "pack-refs", "--all")
	for _, n := range []string{"HEAD", "main", "side", "light", "v1"} {
		check(gd, gd, n, dir)
	}
	wt := filepath.Join(t.TempDir(), "wt")
	run(t, dir, "worktree", "add", "-q", wt, "side")
	check(filepath.Join(gd, "worktrees", "wt"), gd, "HEAD", wt)
	run(t, dir, "checkout", "-q", "--detach", "side")
	check(gd, gd, "HEAD", dir)
	if _, err := ReadRef(gd, gd, "nosuch"); err == nil {
		t.Fatal("an unknown ref resolved")
	}
}

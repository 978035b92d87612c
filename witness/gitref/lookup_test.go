package gitref

import (
	"cmp"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dispatchos/dos/internal/gittest"
)

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return gittest.Git(t, dir, args...)
}

// gitCommit is what git itself resolves rev to, or "" when it cannot.
func gitCommit(t *testing.T, dir, rev string) string {
	t.Helper()
	cmd := exec.Command("git", "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	cmd.Dir, cmd.Env = dir, gittest.Env()
	out, _ := cmd.Output()
	return strings.TrimSpace(string(out))
}

// history makes a repository with branches, light and annotated tags, a
// remote-tracking ref with its HEAD, and a tag and a branch sharing a name.
func history(t *testing.T) string {
	dir := gittest.Init(t)
	git(t, dir, "commit", "-q", "--allow-empty", "-m", "one")
	git(t, dir, "branch", "side")
	git(t, dir, "tag", "both") // a tag and, below, a branch of the same name
	git(t, dir, "commit", "-q", "--allow-empty", "-m", "two")
	git(t, dir, "branch", "both")
	git(t, dir, "tag", "-a", "-m", "annotated", "v1")
	git(t, dir, "tag", "light")
	git(t, dir, "update-ref", "refs/remotes/origin/main", "side")
	git(t, dir, "symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main")
	git(t, dir, "update-ref", "refs/notes/x", "HEAD")
	return dir
}

var names = []string{"HEAD", "@", "", "main", "side", "refs/heads/side", "heads/side", "light", "v1", "tags/v1",
	"both", "origin", "origin/main", "remotes/origin/main", "notes/x", "nosuch", "refs/heads/nosuch", "ORIG_HEAD"}

// Commit must agree with git wherever it answers, and may pass only
// tags (which may be annotated) to the objects.
func checkAgainstGit(t *testing.T, d Dirs, wt string) {
	t.Helper()
	for _, n := range names {
		want := gitCommit(t, wt, cmp.Or(n, "HEAD"))
		h, err := d.Commit(n)
		switch {
		case err == nil:
			if got := hex.EncodeToString(h[:]); got != want {
				t.Errorf("Commit(%q) = %s, git says %q", n, got, want)
			}
		case errors.Is(err, ErrNeedsObjects):
			if n != "v1" && n != "tags/v1" && n != "light" && n != "both" {
				t.Errorf("Commit(%q) needs objects; the files should settle it", n)
			}
		case errors.Is(err, ErrNotFound):
			if want != "" {
				t.Errorf("Commit(%q): not found, git says %s", n, want)
			}
		default:
			t.Errorf("Commit(%q): %v", n, err)
		}
	}
}

func TestCommitAgreesWithGit(t *testing.T) {
	dir := history(t)
	gd := filepath.Join(dir, ".git")
	d := Dirs{GitDir: gd, CommonDir: gd}
	checkAgainstGit(t, d, dir)
	git(t, dir, "pack-refs", "--all")
	checkAgainstGit(t, d, dir)
	// Packed with peeled lines, the annotated tag settles from the files.
	if h, err := d.Commit("v1"); err != nil || hex.EncodeToString(h[:]) != gitCommit(t, dir, "v1") {
		t.Errorf("packed annotated tag: %x %v", h, err)
	}
	// A linked worktree: its own HEAD, the shared refs.
	wt := filepath.Join(t.TempDir(), "wt")
	git(t, dir, "worktree", "add", "-q", wt, "side")
	_, wd, err := Discover(wt)
	if err != nil {
		t.Fatal(err)
	}
	if wd.CommonDir != gd || wd.GitDir == gd {
		t.Fatalf("worktree dirs %+v", wd)
	}
	checkAgainstGit(t, wd, wt)
	// Detached HEAD, and ORIG_HEAD once a reset wrote it.
	git(t, dir, "checkout", "-q", "--detach", "side")
	git(t, dir, "reset", "-q", "main")
	checkAgainstGit(t, d, dir)
}

func TestCommitClassifies(t *testing.T) {
	dir := history(t)
	gd := filepath.Join(dir, ".git")
	d := Dirs{GitDir: gd, CommonDir: gd}
	head := gitCommit(t, dir, "HEAD")
	for _, rev := range []string{"HEAD~1", "HEAD^", "main^2", head, head[:7], "HEAD@{1}", ":/one", "main..side"} {
		if _, err := d.Commit(rev); !errors.Is(err, ErrNeedsObjects) {
			t.Errorf("Commit(%q) = %v, want ErrNeedsObjects", rev, err)
		}
	}
	for _, rev := range []string{"nosuch", "refs/heads/nosuch", "a/b/c"} {
		if _, err := d.Commit(rev); !errors.Is(err, ErrNotFound) {
			t.Errorf("Commit(%q) = %v, want ErrNotFound", rev, err)
		}
	}

	// An unborn branch, in the main worktree and in a linked one.
	empty := gittest.Init(t)
	ed := Dirs{GitDir: filepath.Join(empty, ".git"), CommonDir: filepath.Join(empty, ".git")}
	if _, err := ed.Commit("HEAD"); !errors.Is(err, ErrNoCommits) {
		t.Errorf("unborn HEAD: %v", err)
	}
	wt := filepath.Join(t.TempDir(), "wt")
	git(t, dir, "worktree", "add", "-q", "--detach", wt)
	git(t, wt, "checkout", "-q", "--orphan", "fresh")
	if _, wd, err := Discover(wt); err != nil {
		t.Fatal(err)
	} else if _, err := wd.Commit("HEAD"); !errors.Is(err, ErrNoCommits) {
		t.Errorf("unborn HEAD in a linked worktree: %v", err)
	}

	// A garbage HEAD is malformed, and says which file.
	os.WriteFile(filepath.Join(gd, "HEAD"), []byte("not a ref at all\n"), 0o644)
	if _, err := d.Commit("HEAD"); !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "HEAD") {
		t.Errorf("garbage HEAD: %v", err)
	}
	// A symbolic loop stops.
	os.WriteFile(filepath.Join(gd, "HEAD"), []byte("ref: refs/heads/a\n"), 0o644)
	os.WriteFile(filepath.Join(gd, "refs", "heads", "a"), []byte("ref: refs/heads/b\n"), 0o644)
	os.WriteFile(filepath.Join(gd, "refs", "heads", "b"), []byte("ref: refs/heads/a\n"), 0o644)
	if _, err := d.Commit("HEAD"); !errors.Is(err, ErrMalformed) {
		t.Errorf("symbolic loop: %v", err)
	}
	// The stub HEAD of a reftable repository sends the caller to git.
	os.WriteFile(filepath.Join(gd, "HEAD"), []byte("ref: refs/heads/.invalid\n"), 0o644)
	if _, err := d.Commit("HEAD"); !errors.Is(err, ErrNeedsObjects) {
		t.Errorf("reftable stub: %v", err)
	}
}

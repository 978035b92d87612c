package gitref

import (
	"bytes"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dispatchos/dos/internal/gittest"
)

func TestDiscover(t *testing.T) {
	dir, _ := filepath.EvalSymlinks(gittest.Init(t))
	sub := filepath.Join(dir, "a", "b")
	os.MkdirAll(sub, 0o755)
	top, d, err := Discover(sub)
	gd := filepath.Join(dir, ".git")
	if err != nil || top != dir || d != (Dirs{gd, gd}) {
		t.Fatalf("from a subdirectory: %s %+v %v", top, d, err)
	}
	// A linked worktree holds a gitdir link; its git dir a commondir link.
	git(t, dir, "commit", "-q", "--allow-empty", "-m", "one")
	wt := filepath.Join(t.TempDir(), "wt")
	git(t, dir, "worktree", "add", "-q", wt)
	top, d, err = Discover(wt)
	if err != nil || top != wt || d.CommonDir != gd || d.GitDir != filepath.Join(gd, "worktrees", "wt") {
		t.Fatalf("linked worktree: %s %+v %v", top, d, err)
	}
	// A relative gitdir link, as submodules write.
	rel := t.TempDir()
	os.WriteFile(filepath.Join(rel, ".git"), []byte("gitdir: ../elsewhere/.git\n"), 0o644)
	if _, d, err := Discover(rel); err != nil || d.GitDir != filepath.Join(filepath.Dir(rel), "elsewhere", ".git") {
		t.Fatalf("relative link: %+v %v", d, err)
	}
	// Not a link, and not a repository at all.
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, ".git"), []byte("garbage\n"), 0o644)
	if _, _, err := Discover(bad); err == nil {
		t.Fatal("a .git file without gitdir: must be an error")
	}
	if _, _, err := Discover(t.TempDir()); !errors.Is(err, ErrNotRepo) && !isUnderRepo() {
		t.Fatalf("outside a repository: %v", err)
	}
}

// isUnderRepo reports whether the temporary directory itself sits in a
// repository, where "outside any repository" cannot be tested.
func isUnderRepo() bool {
	_, _, err := Discover(os.TempDir())
	return err == nil
}

// FindPacked never panics, and what it finds is written in the file.
func FuzzFindPacked(f *testing.F) {
	f.Add([]byte("# pack-refs with: peeled fully-peeled sorted \n"+
		"1111111111111111111111111111111111111111 refs/heads/main\n"+
		"2222222222222222222222222222222222222222 refs/tags/v1\n^3333333333333333333333333333333333333333\n"), "refs/tags/v1")
	f.Add([]byte("4444444444444444444444444444444444444444 refs/tags/x\r\n"), "refs/tags/x")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		h, _, found := FindPacked(data, name)
		if found && !containsHex(data, h) {
			t.Fatalf("found %x, which the file does not hold", h)
		}
	})
}

func containsHex(data []byte, h [20]byte) bool {
	return bytes.Contains(bytes.ToLower(data), []byte(hex.EncodeToString(h[:])))
}

// Package historytest builds, for the witness packages' tests, one git
// history that holds every shape a tree diff must get right, and asks git
// what each of its commits changed.
package historytest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dispatchos/dos/internal/gittest"
)

// Mixed makes a repository whose history holds root, empty, merge (one
// that brings nothing new among them), rename, deletion, mode-change,
// deep-tree and oddly named commits, and returns its directory. The
// history is the same on every run.
func Mixed(t testing.TB) string {
	t.Helper()
	dir := gittest.Init(t)
	run := func(args ...string) string { t.Helper(); return gittest.Git(t, dir, args...) }
	rng := rand.New(rand.NewPCG(7, 9))
	write := func(p, s string) {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte(s), 0o644)
	}
	paths := []string{"a.txt", "src/x.go", "src/deep/y/z.go", "docs/r.md", "b/c/d/e.txt", "VERSION",
		"with space.txt", "new\nline.txt", "ünï/cödé.md", "dos-footprint-end-x"}
	files := func() []string {
		return slices.DeleteFunc(strings.Split(run("ls-files", "-z"), "\x00"), func(s string) bool { return s == "" })
	}
	for i := range 40 {
		switch rng.IntN(7) {
		case 0:
			run("commit", "-q", "--allow-empty", "-m", "empty")
			continue
		case 1:
			if fs := files(); len(fs) > 0 {
				run("rm", "-q", "--", fs[rng.IntN(len(fs))])
			}
		case 2:
			if fs := files(); len(fs) > 0 {
				os.MkdirAll(filepath.Join(dir, "moved"), 0o755)
				run("mv", "--", fs[0], fmt.Sprintf("moved/%d.txt", i))
			}
		case 3:
			if fs := files(); len(fs) > 0 {
				run("update-index", "--chmod=+x", "--", fs[0])
			}
		default:
			for range 1 + rng.IntN(3) {
				write(paths[rng.IntN(len(paths))], fmt.Sprint(rng.Int()))
			}
		}
		run("add", "-A")
		run("commit", "-q", "--allow-empty", "-m", fmt.Sprint("c", i))
		if i == 20 {
			run("checkout", "-q", "-b", "side", "HEAD~3")
			write("side/only.txt", "s")
			run("add", "-A")
			run("commit", "-q", "-m", "side")
			run("checkout", "-q", "main")
			run("merge", "-q", "--no-ff", "-m", "merge side", "side")
			run("merge", "-q", "--no-ff", "-s", "ours", "-m", "empty merge", "side~1")
		}
	}
	return dir
}

// ChangedPaths is what git diff-tree says commit h of the repository in
// dir changed against its first parent (against nothing for a root
// commit), asked one commit at a time on the command line; never nil.
func ChangedPaths(t testing.TB, dir, h string) []string {
	t.Helper()
	parents := strings.Fields(gittest.Git(t, dir, "rev-list", "--parents", "-n", "1", h))
	var out string
	if len(parents) == 1 {
		out = gittest.Git(t, dir, "diff-tree", "-r", "-z", "--no-renames", "--name-only", "--root", "--no-commit-id", h)
	} else {
		out = gittest.Git(t, dir, "diff-tree", "-r", "-z", "--no-renames", "--name-only", parents[1], h)
	}
	want := []string{}
	if out != "" {
		want = strings.Split(strings.TrimSuffix(out, "\x00"), "\x00")
	}
	return want
}

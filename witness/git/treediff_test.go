package git

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/dispatchos/dos/internal/gittest"
)

func run(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return gittest.Git(t, dir, args...)
}

// The tree diff must list exactly what git diff-tree lists against the
// first parent, for root, empty, merge, rename, deletion, mode-change and
// deep-tree commits.
func TestTreeDiffAgreesWithGit(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "init", "-q", "-b", "main")
	rng := rand.New(rand.NewPCG(7, 9))
	write := func(p, s string) {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte(s), 0o644)
	}
	paths := []string{"a.txt", "src/x.go", "src/deep/y/z.go", "docs/r.md", "b/c/d/e.txt", "VERSION"}
	for i := range 40 {
		switch rng.IntN(7) {
		case 0:
			run(t, dir, "commit", "-q", "--allow-empty", "-m", "empty")
			continue
		case 1: // delete something that exists
			out := run(t, dir, "ls-files")
			if out != "" {
				files := strings.Split(out, "\n")
				run(t, dir, "rm", "-q", files[rng.IntN(len(files))])
			}
		case 2: // rename
			out := run(t, dir, "ls-files")
			if out != "" {
				files := strings.Split(out, "\n")
				os.MkdirAll(filepath.Join(dir, "moved"), 0o755)
				run(t, dir, "mv", files[0], fmt.Sprintf("moved/%d.txt", i))
			}
		case 3: // mode change
			out := run(t, dir, "ls-files")
			if out != "" {
				run(t, dir, "update-index", "--chmod=+x", strings.Split(out, "\n")[0])
			}
		default:
			for range 1 + rng.IntN(3) {
				write(paths[rng.IntN(len(paths))], fmt.Sprint(rng.Int()))
			}
		}
		run(t, dir, "add", "-A")
		run(t, dir, "commit", "-q", "--allow-empty", "-m", fmt.Sprint("c", i))
		if i == 20 {
			run(t, dir, "checkout", "-q", "-b", "side", "HEAD~3")
			write("side/only.txt", "s")
			run(t, dir, "add", "-A")
			run(t, dir, "commit", "-q", "-m", "side")
			run(t, dir, "checkout", "-q", "main")
			run(t, dir, "merge", "-q", "--no-ff", "-m", "merge side", "side")
		}
	}
	gd := filepath.Join(dir, ".git")
	r, err := OpenDirs(gd, gd, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range strings.Split(run(t, dir, "rev-list", "HEAD"), "\n") {
		var want []string
		parents := strings.Fields(run(t, dir, "rev-list", "--parents", "-n", "1", h))
		var out string
		if len(parents) == 1 {
			out = run(t, dir, "diff-tree", "-r", "--no-renames", "--name-only", "--root", "--no-commit-id", h)
		} else {
			out = run(t, dir, "diff-tree", "-r", "--no-renames", "--name-only", parents[1], h)
		}
		if out != "" {
			want = strings.Split(out, "\n")
		}
		c, err := r.Commit(plumbing.NewHash(h))
		if err != nil {
			t.Fatal(err)
		}
		var base Hash
		if len(c.ParentHashes) > 0 {
			p, err := r.Commit(c.ParentHashes[0])
			if err != nil {
				t.Fatal(err)
			}
			base = p.TreeHash
		}
		var changes []change
		if err := r.diffTrees(base, c.TreeHash, "", &changes); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, ch := range changes {
			got = append(got, ch.Path)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("commit %s: diffTrees %v, git diff-tree %v", h[:7], got, want)
		}
	}
}

package git

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/dispatchos/dos/internal/gittest"
	"github.com/dispatchos/dos/witness/internal/historytest"
)

func run(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return gittest.Git(t, dir, args...)
}

// The tree diff must list exactly what git diff-tree lists against the
// first parent, for root, empty, merge, rename, deletion, mode-change,
// deep-tree and oddly named commits.
func TestTreeDiffAgreesWithGit(t *testing.T) {
	dir := historytest.Mixed(t)
	gd := filepath.Join(dir, ".git")
	r, err := OpenDirs(gd, gd, dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range strings.Split(run(t, dir, "rev-list", "HEAD"), "\n") {
		want := historytest.ChangedPaths(t, dir, h)
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
		got := []string{}
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

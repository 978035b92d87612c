package git

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Objects read the same from packs (with deltas), loose files and an
// alternate object directory (git clone --shared) as git reads them.
func TestPackedAndAlternateObjects(t *testing.T) {
	r := buildHistory(t)
	r.git("gc", "-q", "--aggressive")
	clone := &dsRepo{t: t, dir: filepath.Join(t.TempDir(), "clone"), n: 100}
	r.git("clone", "-q", "--shared", "--no-checkout", r.dir, clone.dir)
	clone.git("checkout", "-q", "-B", "main", "origin/main")
	clone.write("late_test.go", "x\ny\n")
	clone.commit("late: a loose commit over shared objects", false)
	if alt := strings.TrimSpace(clone.git("rev-parse", "--git-path", "objects/info/alternates")); alt == "" {
		t.Fatal("the clone has no alternates")
	}
	repo, err := Open(clone.dir)
	if err != nil {
		t.Fatal(err)
	}
	shas := strings.Fields(clone.git("log", "--format=%H", "HEAD"))
	var hs []Hash
	for _, sha := range shas {
		h, err := repo.Resolve(sha[:9])
		if err != nil || h.String() != sha {
			t.Fatalf("Resolve(%s) = %s, %v", sha[:9], h, err)
		}
		hs = append(hs, h)
		c, err := repo.Commit(h)
		if err != nil {
			t.Fatal(err)
		}
		st, err := repo.DiffStat(c, isTestName)
		if err != nil {
			t.Fatal(err)
		}
		wantPaths, wantDelta := clone.numstat(sha, isTestName)
		if !slices.Equal(st.Paths, wantPaths) || st.TestLineDelta != wantDelta {
			t.Errorf("%s: got %v %+d, git says %v %+d", sha[:7], st.Paths, st.TestLineDelta, wantPaths, wantDelta)
		}
	}
	short, err := repo.ShortHashes(hs)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		if want := strings.TrimSpace(clone.git("rev-parse", "--short", h.String())); short[h] != want {
			t.Errorf("%s: short %q, git %q", h, short[h], want)
		}
	}
}

package git

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dispatchos/dos/witness/gitref"
)

// Resolve agrees with git rev-parse on names, tags, hashes, prefixes and
// ancestry steps (HEAD~1^ included), loose and packed, in a linked
// worktree too; what git rejects, it rejects.
func TestResolveAgreesWithGit(t *testing.T) {
	r := buildHistory(t)
	r.git("tag", "-a", "-m", "annotated", "v1", "HEAD~2")
	r.git("tag", "light", "HEAD~1")
	r.git("tag", "-a", "-m", "on a tag", "vv", "v1")
	head := strings.TrimSpace(r.git("rev-parse", "HEAD"))
	revs := []string{"HEAD", "", "@", "main", "side", "refs/heads/side", "v1", "light", "vv", "v1^{}", "v1~1",
		"HEAD~1", "HEAD^", "HEAD^1", "HEAD^2", "HEAD~1^", "HEAD^2~1", "HEAD^0", "@~3", head, head[:7], head[:12],
		"HEAD~6", "main~1^"}
	bad := []string{"nosuch", "HEAD^^2", "HEAD^3", "HEAD~99", "HEAD@{1}", "HEAD^{tree}", "a..b", head[:3]}
	check := func(repo *Repo, dir string) {
		t.Helper()
		for _, rev := range revs {
			want := strings.TrimSpace(gitIn(t, dir, "rev-parse", "--verify", "--end-of-options", orHEAD(rev)+"^{commit}"))
			h, err := repo.Resolve(rev)
			if err != nil || h.String() != want {
				t.Errorf("Resolve(%q) = %s, %v; git says %s", rev, h, err, want)
			}
		}
		for _, rev := range bad {
			if h, err := repo.Resolve(rev); err == nil {
				t.Errorf("Resolve(%q) = %s, want an error", rev, h)
			}
		}
	}
	repo, err := Open(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	check(repo, r.dir)
	r.git("pack-refs", "--all")
	r.git("gc", "-q")
	repo, _ = Open(r.dir)
	check(repo, r.dir)
	wt := filepath.Join(t.TempDir(), "wt")
	r.git("worktree", "add", "-q", wt, "side")
	wrepo, err := Open(filepath.Join(wt))
	if err != nil {
		t.Fatal(err)
	}
	if h, err := wrepo.Resolve("HEAD"); err != nil || h.String() != strings.TrimSpace(r.git("rev-parse", "side")) {
		t.Errorf("HEAD of a linked worktree: %s %v", h, err)
	}
}

func TestResolveUnbornAndNotRepo(t *testing.T) {
	dir, _ := recentRepo(t)
	repo, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := repo.Resolve("HEAD"); !errors.Is(err, gitref.ErrNoCommits) {
		t.Errorf("unborn HEAD: %v", err)
	}
	if _, err := Open(t.TempDir()); !errors.Is(err, gitref.ErrNotRepo) {
		t.Errorf("outside a repository: %v", err)
	}
}

func orHEAD(rev string) string {
	if rev == "" {
		return "HEAD"
	}
	return rev
}

func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return run(t, dir, args...)
}

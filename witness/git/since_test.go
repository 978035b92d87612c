package git

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/dispatchos/dos/internal/gittest"
)

// dagRepo builds a random DAG of n commits with git commit-tree: merges,
// side branches and committer clocks that run backwards. Commits before
// graphAt are covered by a commit-graph file; later ones are loose.
func dagRepo(t *testing.T, seed uint64, n, graphAt int) (dir string, shas []string) {
	t.Helper()
	dir = t.TempDir()
	git := func(env []string, args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = gittest.Env(env...)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("git %v: %v", args, err)
		}
		return strings.TrimSpace(string(out))
	}
	git(nil, "init", "-q", "-b", "main")
	tree := git(nil, "hash-object", "-t", "tree", "-w", "--stdin")
	rng := rand.New(rand.NewPCG(seed, 7))
	for i := range n {
		args := []string{"commit-tree", tree, "-m", "c" + strconv.Itoa(i)}
		if i > 0 {
			args = append(args, "-p", shas[i-1-rng.IntN(min(i, 4))])
			if i > 2 && rng.IntN(4) == 0 {
				args = append(args, "-p", shas[rng.IntN(i)])
			}
		}
		// Clocks wander, sometimes backwards.
		date := fmt.Sprintf("%d +0000", 1_700_000_000+i*60-rng.IntN(3000))
		shas = append(shas, git([]string{"GIT_COMMITTER_DATE=" + date, "GIT_AUTHOR_DATE=" + date}, args...))
		if i == graphAt-1 {
			git(nil, "update-ref", "refs/heads/main", shas[i])
			git(nil, "commit-graph", "write", "--reachable")
		}
	}
	return dir, shas
}

// reach is the set of commits reachable from sha, computed from the
// parent lists git prints: a plain breadth-first search, the oracle the
// walk must agree with. (git rev-list A..B itself stops early by commit
// date, and with clocks this skewed it can be wrong.)
func reach(parents map[string][]string, sha string) map[string]bool {
	seen := map[string]bool{sha: true}
	for todo := []string{sha}; len(todo) > 0; {
		c := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		for _, p := range parents[c] {
			if !seen[p] {
				seen[p] = true
				todo = append(todo, p)
			}
		}
	}
	return seen
}

func parentMap(t *testing.T, dir string, tips []string) map[string][]string {
	cmd := exec.Command("git", append([]string{"rev-list", "--parents"}, tips...)...)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		m[f[0]] = f[1:]
	}
	return m
}

// Since agrees with git rev-list --count and merge-base --is-ancestor on
// random DAGs, for commits inside the graph, after it, and across it.
func TestSinceMatchesGit(t *testing.T) {
	for seed := range uint64(12) {
		dir, shas := dagRepo(t, seed, 60, 40)
		repo, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		parents := parentMap(t, dir, shas)
		rng := rand.New(rand.NewPCG(seed, 9))
		for range 150 {
			a, b := shas[rng.IntN(len(shas))], shas[rng.IntN(len(shas))]
			got, anc, err := repo.Since(dir+"/.git", plumbing.NewHash(a), plumbing.NewHash(b))
			if err != nil {
				t.Fatal(err)
			}
			ra, rb := reach(parents, a), reach(parents, b)
			want := 0
			for c := range rb {
				if !ra[c] {
					want++
				}
			}
			if got != want || anc != rb[a] {
				t.Fatalf("seed %d: Since(%d, %d) = %d %v, want %d %v", seed, posOf(shas, a), posOf(shas, b), got, anc, want, rb[a])
			}
		}
	}
}

func TestSinceWithoutGraph(t *testing.T) {
	dir, shas := dagRepo(t, 1, 5, 0)
	repo, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := repo.Since(dir+"/.git", plumbing.NewHash(shas[0]), plumbing.NewHash(shas[4])); !errors.Is(err, ErrNoGraph) {
		t.Fatalf("err = %v, want ErrNoGraph", err)
	}
	os.RemoveAll(dir)
}

func posOf(shas []string, s string) int {
	for i, x := range shas {
		if x == s {
			return i
		}
	}
	return -1
}

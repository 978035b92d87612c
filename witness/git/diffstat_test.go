package git

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/dispatchos/dos/internal/gittest"
)

// dsRepo is a real repository in a temporary directory, driven by the git
// program, with a fixed identity and no user config.
type dsRepo struct {
	t   *testing.T
	dir string
	n   int // commits made, for distinct timestamps
	// when, if set, is the Unix time of the next commits instead.
	when int64
}

func newDSRepo(t *testing.T) *dsRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	r := &dsRepo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	return r
}

// git runs git in the repository and returns its stdout.
func (r *dsRepo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	date := fmt.Sprintf("@%d +0000", 1_700_000_000+r.n*60)
	if r.when != 0 {
		date = fmt.Sprintf("@%d +0000", r.when)
	}
	cmd.Env = gittest.Env("GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		r.t.Fatalf("git %s: %v: %s", strings.Join(args, " "), err, errb.String())
	}
	return out.String()
}

func (r *dsRepo) write(name, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit stages everything and commits; sameTime keeps the previous
// commit's timestamp.
func (r *dsRepo) commit(msg string, sameTime bool) string {
	r.t.Helper()
	if !sameTime {
		r.n++
	}
	r.git("add", "-A")
	r.git("commit", "-q", "--allow-empty", "--no-verify", "-m", msg)
	return strings.TrimSpace(r.git("rev-parse", "HEAD"))
}

// numstat is git's own answer: the paths and the test line delta.
func (r *dsRepo) numstat(sha string, isTest func(string) bool) ([]string, int) {
	r.t.Helper()
	var paths []string
	delta := 0
	for _, line := range strings.Split(strings.TrimSpace(r.git("show", "--numstat", "--format=", "--no-renames", "-m", "--first-parent", sha)), "\n") {
		if line == "" {
			continue
		}
		f := strings.SplitN(line, "\t", 3)
		paths = append(paths, f[2])
		if isTest(f[2]) && f[0] != "-" {
			a, _ := strconv.Atoi(f[0])
			d, _ := strconv.Atoi(f[1])
			delta += a - d
		}
	}
	slices.Sort(paths)
	return paths, delta
}

func isTestName(p string) bool { return strings.Contains(p, "test") }

// buildHistory makes a history with the awkward cases: a root commit, an
// empty commit, a rename, a binary file, a file without a final newline, a
// deletion, a side branch merged back, and commits sharing a timestamp.
func buildHistory(t *testing.T) *dsRepo {
	r := newDSRepo(t)
	r.write("a.go", "package a\n")
	r.write("a_test.go", "one\ntwo\nthree\n")
	r.commit("root: a", false)
	r.commit("empty", false)
	r.write("a_test.go", "one\ntwo") // net -1, no final newline
	r.write("img.bin", "x\x00y")
	r.commit("binary and shrink", false)
	r.git("mv", "a_test.go", "b_test.go")
	r.write("b_test.go", "one\ntwo\nfour\nfive\n")
	r.commit("rename test", false)
	r.write("test_data.bin", "\x00\x01\x02\n\n\n")
	r.commit("binary test file", true)
	r.git("checkout", "-q", "-b", "side")
	r.write("side_test.go", "s1\ns2\n")
	r.commit("side 1", false)
	r.write("side.md", "doc\n")
	r.commit("side 2", true)
	r.git("checkout", "-q", "main")
	r.write("main.go", "package main\n")
	r.commit("main 1", true)
	r.git("rm", "-q", "img.bin")
	r.commit("delete binary", false)
	r.n++
	r.git("merge", "-q", "--no-ff", "-m", "merge side", "side")
	r.write("c.go", "package c\n")
	r.commit("after merge", false)
	r.git("checkout", "-q", "-b", "side2")
	r.write("s.go", "package s\n")
	r.commit("side2 1", false)
	r.git("checkout", "-q", "main")
	r.write("m_test.go", "m\n")
	r.commit("main 2", true) // same time as side2 1: order falls to the walk
	r.n++
	r.git("merge", "-q", "--no-ff", "-m", "merge side2", "side2")
	return r
}

// The go-git diff must agree with git show --numstat --no-renames on every
// commit (merges against their first parent).
func TestDiffStatMatchesGit(t *testing.T) {
	r := buildHistory(t)
	repo, err := Open(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	shas := strings.Fields(r.git("log", "--format=%H", "--all"))
	if len(shas) != 14 {
		t.Fatalf("history has %d commits, want 14", len(shas))
	}
	for _, sha := range shas {
		c, err := repo.Commit(plumbing.NewHash(sha))
		if err != nil {
			t.Fatal(err)
		}
		st, err := repo.DiffStat(c, isTestName)
		if err != nil {
			t.Fatalf("%s: %v", sha, err)
		}
		wantPaths, wantDelta := r.numstat(sha, isTestName)
		if !slices.Equal(st.Paths, wantPaths) || st.TestLineDelta != wantDelta {
			t.Errorf("%s %q: got %v %+d, git says %v %+d", sha[:7], strings.TrimSpace(c.Message), st.Paths, st.TestLineDelta, wantPaths, wantDelta)
		}
	}
}

func TestDiffStatCases(t *testing.T) {
	r := buildHistory(t)
	repo, err := Open(r.dir)
	if err != nil {
		t.Fatal(err)
	}
	bySubject := map[string]DiffStat{}
	for _, sha := range strings.Fields(r.git("log", "--format=%H", "--all")) {
		c, _ := repo.Commit(plumbing.NewHash(sha))
		st, err := repo.DiffStat(c, isTestName)
		if err != nil {
			t.Fatal(err)
		}
		bySubject[strings.TrimSpace(c.Message)] = st
	}
	tests := []struct {
		subject string
		paths   []string
		delta   int
	}{
		{"root: a", []string{"a.go", "a_test.go"}, 3},
		{"empty", nil, 0},
		{"binary and shrink", []string{"a_test.go", "img.bin"}, -1},
		{"rename test", []string{"a_test.go", "b_test.go"}, 2},
		{"binary test file", []string{"test_data.bin"}, 0},
		{"merge side", []string{"side.md", "side_test.go"}, 2},
	}
	for _, tt := range tests {
		st := bySubject[tt.subject]
		if !slices.Equal(st.Paths, tt.paths) || st.TestLineDelta != tt.delta {
			t.Errorf("%q: got %v %+d, want %v %+d", tt.subject, st.Paths, st.TestLineDelta, tt.paths, tt.delta)
		}
	}
	// without a test predicate no blob is read and the delta is zero.
	c, _ := repo.Resolve("HEAD~3")
	cm, _ := repo.Commit(c)
	if st, err := repo.DiffStat(cm, nil); err != nil || st.TestLineDelta != 0 || len(st.Paths) != 2 {
		t.Errorf("DiffStat(merge, nil) = %+v, %v", st, err)
	}
}

package ship

import (
	"bytes"
	"context"
	"fmt"
	"github.com/dispatchos/dos/call"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dispatchos/dos/internal/gittest"
	"github.com/dispatchos/dos/kernel/oracle"
)

var (
	gitRun     = gittest.Git
	newRepo    = gittest.Init
	commitFile = gittest.Commit
)

// verifyIn runs the verify syscall in dir, the way every surface does.
func verifyIn(t testing.TB, dir, plan, phase string, noIndex bool) string {
	t.Helper()
	var stderr bytes.Buffer
	env := &call.Env{Now: time.Now, Getenv: func(string) string { return "" }, Cwd: dir, Stderr: &stderr}
	args := &VerifyArgs{Plan: plan, Phase: phase, Ref: "HEAD", NoIndex: noIndex}
	res, err := Verify.Run(context.Background(), env, &call.Input{Args: args})
	if err != nil {
		t.Fatalf("verify %s %s: %v", plan, phase, err)
	}
	return res.Text
}

// Practice 6: the warm index must agree with the cold walk. Histories are
// generated at random with hits, misses, empty and reverted stamps, merges
// and branch switches; each answer is checked index-backed (warm, after
// incremental updates) and with --no-index.
func TestIndexAgreesWithColdWalk(t *testing.T) {
	if testing.Short() {
		t.Skip("builds real repositories")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	dir := newRepo(t)
	commitFile(t, dir, "init", "README.md")
	phases := []string{"AUTH1", "AUTH2", "AUTH3", "AUTH10", "AUTH1.1", "P3", "Phase 4"}
	subjects := func(p string) []string {
		return []string{p + ": ship", "AUTH: " + p + " — done", "AUTH " + p + " no colon", "feat: " + p + " mention",
			"src/AUTH: " + p + " scoped", p + "-port: other", "wip snapshot: AUTH: " + p, "v1.2.3: " + p + " release"}
	}
	check := func(round int) {
		for _, p := range phases {
			warm := verifyIn(t, dir, "AUTH", p, false)
			cold := verifyIn(t, dir, "AUTH", p, true)
			if warm != cold {
				t.Fatalf("round %d, %s: warm %q, cold %q", round, p, warm, cold)
			}
		}
	}
	for round := range 12 {
		for range 1 + rng.IntN(6) {
			p := phases[rng.IntN(len(phases))]
			s := subjects(p)[rng.IntN(8)]
			switch rng.IntN(6) {
			case 0:
				gitRun(t, dir, "commit", "-q", "--allow-empty", "-m", s)
			case 1:
				commitFile(t, dir, s, fmt.Sprintf("src/f%d.go", rng.IntN(5)))
				gitRun(t, dir, "revert", "--no-edit", "HEAD")
			default:
				commitFile(t, dir, s, fmt.Sprintf("src/f%d.go", rng.IntN(5)))
			}
		}
		switch round % 4 {
		case 1: // rewrite history under the index
			gitRun(t, dir, "reset", "-q", "--hard", "HEAD~1")
		case 2: // a branch with its own stamps, then back
			gitRun(t, dir, "checkout", "-q", "-b", fmt.Sprintf("b%d", round))
			commitFile(t, dir, "AUTH2: on a branch", "b.go")
			check(round)
			gitRun(t, dir, "checkout", "-q", "main")
		case 3: // merge a branch
			gitRun(t, dir, "merge", "-q", "--no-ff", "-m", "merge", fmt.Sprintf("b%d", round-1))
		}
		check(round)
	}
}

// A commit that is no longer reachable (reset, rebase, branch switch) is
// never evidence, even though the index once held it.
func TestIndexNeverServesUnreachableCommits(t *testing.T) {
	dir := newRepo(t)
	commitFile(t, dir, "base", "README.md")
	commitFile(t, dir, "AUTH1: ship", "src/a.go")
	if got := verifyIn(t, dir, "AUTH", "AUTH1", false); !strings.HasPrefix(got, "SHIPPED") {
		t.Fatalf("before reset: %s", got)
	}
	gitRun(t, dir, "reset", "-q", "--hard", "HEAD~1")
	if got := verifyIn(t, dir, "AUTH", "AUTH1", false); !strings.HasPrefix(got, "NOT_SHIPPED") {
		t.Fatalf("after reset --hard: %s", got)
	}
	// Rebase: the stamp moves to a new commit; the old one must not be used.
	gitRun(t, dir, "checkout", "-q", "-b", "topic")
	commitFile(t, dir, "AUTH2: on topic", "src/b.go")
	old := verifyIn(t, dir, "AUTH", "AUTH2", false)
	gitRun(t, dir, "checkout", "-q", "main")
	commitFile(t, dir, "main moves", "src/c.go")
	if got := verifyIn(t, dir, "AUTH", "AUTH2", false); !strings.HasPrefix(got, "NOT_SHIPPED") {
		t.Fatalf("on main, the topic stamp leaked: %s", got)
	}
	gitRun(t, dir, "checkout", "-q", "topic")
	gitRun(t, dir, "rebase", "-q", "main")
	got := verifyIn(t, dir, "AUTH", "AUTH2", false)
	if !strings.HasPrefix(got, "SHIPPED") || got == old {
		t.Fatalf("after rebase: %s (before: %s)", got, old)
	}
	if cold := verifyIn(t, dir, "AUTH", "AUTH2", true); cold != got {
		t.Fatalf("after rebase: warm %s, cold %s", got, cold)
	}
}

// A corrupt index is rebuilt quietly; verify answers as if it were absent.
func TestCorruptIndexIsRebuilt(t *testing.T) {
	dir := newRepo(t)
	commitFile(t, dir, "AUTH1: ship", "src/a.go")
	want := verifyIn(t, dir, "AUTH", "AUTH1", false)
	files, _ := filepath.Glob(filepath.Join(dir, ".git", "dos", "*.idx"))
	if len(files) != 1 {
		t.Fatalf("index files: %v", files)
	}
	b, _ := os.ReadFile(files[0])
	b[len(b)/2] ^= 0xff
	os.WriteFile(files[0], b, 0o644)
	if got := verifyIn(t, dir, "AUTH", "AUTH1", false); got != want {
		t.Fatalf("with a corrupt index: %s, want %s", got, want)
	}
	os.WriteFile(files[0], []byte("garbage"), 0o644)
	if got := verifyIn(t, dir, "AUTH", "AUTH1", false); got != want {
		t.Fatalf("with a garbage index: %s, want %s", got, want)
	}
}

// Two processes' worth of verifies racing on a cold index both answer
// right and leave one sound index behind.
func TestRacingColdVerifies(t *testing.T) {
	dir := newRepo(t)
	for i := range 50 {
		commitFile(t, dir, fmt.Sprintf("AUTH%d: ship", i), fmt.Sprintf("src/f%d.go", i))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := verifyIn(t, dir, "AUTH", fmt.Sprintf("AUTH%d", i*6), false)
			if !strings.HasPrefix(got, "SHIPPED") {
				errs <- got
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if got := verifyIn(t, dir, "AUTH", "AUTH49", false); !strings.HasPrefix(got, "SHIPPED") {
		t.Fatal(got)
	}
	tmp, _ := filepath.Glob(filepath.Join(dir, ".git", "dos", ".tmp-*"))
	if len(tmp) != 0 {
		t.Fatalf("temporaries left behind: %v", tmp)
	}
}

// Truth 1: the whole history is searched, never a window. The only stamp
// sits 19,000 commits deep in a 20,000-commit history.
func TestDeepStampIn20000Commits(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 20,000-commit repository")
	}
	const n = 20000
	dir := gittest.Linear(t, n, func(i int) string {
		if i == n-19000 {
			return "DEEP7: the only stamp"
		}
		return fmt.Sprintf("change %d", i)
	})
	for _, noIndex := range []bool{true, false, false} {
		got := verifyIn(t, dir, "DEEP", "DEEP7", noIndex)
		if !strings.HasPrefix(got, "SHIPPED DEEP DEEP7 ") {
			t.Fatalf("noIndex=%v: %s", noIndex, got)
		}
	}
	if got := verifyIn(t, dir, "DEEP", "DEEP8", false); !strings.HasPrefix(got, "NOT_SHIPPED") {
		t.Fatal(got)
	}
}

// benchRepo is a 20,000-commit history with a stamp every 1,000 commits.
func benchRepo(b *testing.B) string {
	return gittest.Linear(b, 20000, func(i int) string {
		if i%1000 == 0 {
			return fmt.Sprintf("BENCH%d: ship unit %d", i/1000, i/1000)
		}
		return fmt.Sprintf("fix(area%d): change %d", i%97, i)
	})
}

// BenchmarkVerifyWarm is one verify with the index built and HEAD
// unchanged, hit and miss, in process (the process start is not counted).
func BenchmarkVerifyWarm(b *testing.B) {
	dir := benchRepo(b)
	verifyIn(b, dir, "BENCH", "BENCH7", false)
	for _, phase := range []string{"BENCH7", "BENCH99"} {
		b.Run(phase, func(b *testing.B) {
			for range b.N {
				verifyIn(b, dir, "BENCH", phase, false)
			}
		})
	}
}

// BenchmarkVerifyCold walks the whole history each time (--no-index).
func BenchmarkVerifyCold(b *testing.B) {
	dir := benchRepo(b)
	b.ResetTimer()
	for range b.N {
		verifyIn(b, dir, "BENCH", "BENCH7", true)
	}
}

// The warm path spawns no process: with the index built and HEAD known,
// verify answers with no git on PATH at all.
func TestWarmVerifySpawnsNoProcess(t *testing.T) {
	dir := newRepo(t)
	commitFile(t, dir, "AUTH1: ship", "src/a.go")
	commitFile(t, dir, "chore: more", "src/b.go")
	want1 := verifyIn(t, dir, "AUTH", "AUTH1", false)
	want2 := verifyIn(t, dir, "AUTH", "AUTH2", false)
	t.Setenv("PATH", t.TempDir())
	if got := verifyIn(t, dir, "AUTH", "AUTH1", false); got != want1 || !strings.HasPrefix(got, "SHIPPED") {
		t.Fatalf("warm hit without git: %s (want %s)", got, want1)
	}
	if got := verifyIn(t, dir, "AUTH", "AUTH2", false); got != want2 {
		t.Fatalf("warm miss without git: %s (want %s)", got, want2)
	}
}

// Issue 7 rough edge: a SHIPPED gloss says what the answer rests on and,
// for a subject the committer wrote, how to corroborate it; it never both
// warns and reassures.
func TestInterpretVerifyShipped(t *testing.T) {
	for _, src := range []string{oracle.SourceRegistry, oracle.SourceGrepSubject, oracle.SourceExecAttested, "other"} {
		g := InterpretVerify(oracle.Verdict{Shipped: true, Source: src, SHA: "abc1234"})
		if !strings.HasPrefix(g, "SHIPPED — it rests on") || !strings.Contains(g, "abc1234") {
			t.Errorf("%s: %q does not say what it rests on", src, g)
		}
		if strings.Contains(g, "rely") {
			t.Errorf("%s: %q reassures instead of saying what it rests on", src, g)
		}
	}
	if g := InterpretVerify(oracle.Verdict{Shipped: true, Source: oracle.SourceGrepSubject, SHA: "abc1234"}); !strings.Contains(g, "dos commit-audit abc1234") {
		t.Errorf("grep-subject gloss names no corroboration: %q", g)
	}
}

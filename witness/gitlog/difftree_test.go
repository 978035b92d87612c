package gitlog

import (
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dispatchos/dos/internal/gittest"
)

// footprintRepo is a history of root, empty, merge (one that brings
// nothing new among them), rename, deletion, mode-change, deep-tree and
// oddly named commits.
func footprintRepo(t *testing.T) string {
	dir := gittest.Init(t)
	rng := rand.New(rand.NewPCG(7, 9))
	write := func(p, s string) {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, []byte(s), 0o644)
	}
	paths := []string{"a.txt", "src/x.go", "src/deep/y/z.go", "docs/r.md", "b/c/d/e.txt", "VERSION",
		"with space.txt", "new\nline.txt", "ünï/cödé.md", "dos-footprint-end-x"}
	files := func() []string {
		return slices.DeleteFunc(strings.Split(run(t, dir, "ls-files", "-z"), "\x00"), func(s string) bool { return s == "" })
	}
	for i := range 40 {
		switch rng.IntN(7) {
		case 0:
			run(t, dir, "commit", "-q", "--allow-empty", "-m", "empty")
			continue
		case 1:
			if fs := files(); len(fs) > 0 {
				run(t, dir, "rm", "-q", "--", fs[rng.IntN(len(fs))])
			}
		case 2:
			if fs := files(); len(fs) > 0 {
				os.MkdirAll(filepath.Join(dir, "moved"), 0o755)
				run(t, dir, "mv", "--", fs[0], fmt.Sprintf("moved/%d.txt", i))
			}
		case 3:
			if fs := files(); len(fs) > 0 {
				run(t, dir, "update-index", "--chmod=+x", "--", fs[0])
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
			run(t, dir, "merge", "-q", "--no-ff", "-s", "ours", "-m", "empty merge", "side~1")
		}
	}
	return dir
}

// wantPaths is what git diff-tree says commit h changed against its first
// parent, asked one commit at a time on the command line.
func wantPaths(t *testing.T, dir, h string) []string {
	parents := strings.Fields(run(t, dir, "rev-list", "--parents", "-n", "1", h))
	var out string
	if len(parents) == 1 {
		out = run(t, dir, "diff-tree", "-r", "-z", "--no-renames", "--name-only", "--root", "--no-commit-id", h)
	} else {
		out = run(t, dir, "diff-tree", "-r", "-z", "--no-renames", "--name-only", parents[1], h)
	}
	want := []string{}
	if out != "" {
		want = strings.Split(strings.TrimSuffix(out, "\x00"), "\x00")
	}
	return want
}

func hash(t *testing.T, s string) [20]byte {
	var h [20]byte
	if _, err := hex.Decode(h[:], []byte(s)); err != nil {
		t.Fatal(err)
	}
	return h
}

// One long-lived process answers every commit exactly as git diff-tree
// does one commit at a time.
func TestDiffTreeAgreesWithGit(t *testing.T) {
	dir := footprintRepo(t)
	d := NewDiffTree(dir)
	defer d.Close()
	empty := 0
	for _, h := range strings.Split(run(t, dir, "rev-list", "HEAD"), "\n") {
		got, err := d.ChangedPaths(hash(t, h))
		if err != nil {
			t.Fatal(err)
		}
		want := wantPaths(t, dir, h)
		if !slices.Equal(got, want) {
			t.Fatalf("commit %s: %q, git diff-tree %q", h[:7], got, want)
		}
		if len(got) == 0 {
			empty++
		}
	}
	if empty < 2 {
		t.Fatalf("only %d commits with an empty footprint: the history misses its empty cases", empty)
	}
}

// A hash the repository lacks is ErrNoCommit, and the process goes on;
// an idle process stops and a new one answers; Close may come at any time.
func TestDiffTreeLifecycle(t *testing.T) {
	dir := footprintRepo(t)
	head := hash(t, run(t, dir, "rev-parse", "HEAD"))
	want := wantPaths(t, dir, run(t, dir, "rev-parse", "HEAD"))
	d := NewDiffTree(dir)
	defer d.Close()
	if _, err := d.ChangedPaths([20]byte{1, 2, 3}); !errors.Is(err, ErrNoCommit) {
		t.Fatalf("a missing commit: %v", err)
	}
	p := d.p
	if got, err := d.ChangedPaths(head); err != nil || !slices.Equal(got, want) || d.p != p {
		t.Fatalf("after a missing commit: %q %v (same process: %v)", got, err, d.p == p)
	}
	old := idleStop
	idleStop = 10 * time.Millisecond
	defer func() { idleStop = old }()
	d.ChangedPaths(head)
	time.Sleep(100 * time.Millisecond)
	d.mu.Lock()
	stopped := d.p == nil && p.cmd.ProcessState != nil
	d.mu.Unlock()
	if !stopped {
		t.Fatal("an idle process must stop")
	}
	if got, err := d.ChangedPaths(head); err != nil || !slices.Equal(got, want) {
		t.Fatalf("after an idle stop: %q %v", got, err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	if got, err := d.ChangedPaths(head); err != nil || !slices.Equal(got, want) {
		t.Fatalf("after Close: %q %v", got, err)
	}
	// Outside a repository it is an error, never an empty footprint.
	if got, err := NewDiffTree(t.TempDir()).ChangedPaths(head); err == nil {
		t.Fatalf("outside a repository: %q", got)
	}
}

func TestDiffTreeConcurrent(t *testing.T) {
	dir := footprintRepo(t)
	hs := strings.Split(run(t, dir, "rev-list", "HEAD"), "\n")
	want := map[string][]string{}
	for _, h := range hs {
		want[h] = wantPaths(t, dir, h)
	}
	d := NewDiffTree(dir)
	defer d.Close()
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range hs {
				h := hs[(i+g*7)%len(hs)]
				got, err := d.ChangedPaths(hash(t, h))
				if err != nil || !slices.Equal(got, want[h]) {
					t.Errorf("%s: %q %v", h[:7], got, err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

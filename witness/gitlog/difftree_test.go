package gitlog

import (
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dispatchos/dos/witness/internal/historytest"
)

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
	dir := historytest.Mixed(t)
	d := NewDiffTree(dir)
	defer d.Close()
	empty := 0
	for _, h := range strings.Split(run(t, dir, "rev-list", "HEAD"), "\n") {
		got, err := d.ChangedPaths(hash(t, h))
		if err != nil {
			t.Fatal(err)
		}
		want := historytest.ChangedPaths(t, dir, h)
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
	dir := historytest.Mixed(t)
	head := hash(t, run(t, dir, "rev-parse", "HEAD"))
	want := historytest.ChangedPaths(t, dir, run(t, dir, "rev-parse", "HEAD"))
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
	dir := historytest.Mixed(t)
	hs := strings.Split(run(t, dir, "rev-list", "HEAD"), "\n")
	want := map[string][]string{}
	for _, h := range hs {
		want[h] = historytest.ChangedPaths(t, dir, h)
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

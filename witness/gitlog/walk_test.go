package gitlog

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/internal/gittest"
)

func run(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return gittest.Git(t, dir, args...)
}

// The follower must hand over every byte a slow writer writes, including
// the ones written just before it exits.
func TestFollowerReadsAGrowingFile(t *testing.T) {
	w, r, closeSpool, err := spoolFile()
	if err != nil {
		t.Fatal(err)
	}
	defer closeSpool()
	done := make(chan struct{})
	var want bytes.Buffer
	go func() {
		for i := range 200 {
			line := fmt.Sprintf("record %d\n", i)
			want.WriteString(line)
			w.WriteString(line)
			if i%50 == 0 {
				time.Sleep(3 * time.Millisecond)
			}
		}
		w.Close()
		close(done)
	}()
	got, err := io.ReadAll(&follower{f: r, done: done})
	if err != nil {
		t.Fatal(err)
	}
	<-done
	if string(got) != want.String() {
		t.Fatalf("read %d bytes, want %d", len(got), want.Len())
	}
}

// Walk agrees with git log on order and content, and reports a bad tip.
func TestWalkAgreesWithGitLog(t *testing.T) {
	dir := t.TempDir()
	run(t, dir, "init", "-q", "-b", "main")
	for i := range 30 {
		run(t, dir, "commit", "-q", "--allow-empty", "-m", fmt.Sprintf("subject %d\n\nbody %d\nwith lines", i, i))
	}
	var got []string
	err := Walk(context.Background(), dir, "HEAD", nil, func(c LogCommit) error {
		parent := ""
		if c.Parent != ([20]byte{}) {
			parent = fmt.Sprintf("%x", c.Parent)
		}
		got = append(got, fmt.Sprintf("%x %x %s %s", c.Hash, c.Tree, parent, strings.SplitN(c.Message, "\n", 2)[0]))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(run(t, dir, "log", "--format=%H %T %P %s"), "\n")
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("Walk:\n%s\ngit log:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var n int
	err = Walk(context.Background(), dir, "HEAD", []string{run(t, dir, "rev-parse", "HEAD~10")}, func(LogCommit) error { n++; return nil })
	if err != nil || n != 10 {
		t.Fatalf("excluding HEAD~10: %d commits, %v", n, err)
	}
	if err := Walk(context.Background(), dir, "no-such-ref", nil, func(LogCommit) error { return nil }); err == nil {
		t.Fatal("a bad tip must be an error")
	}
	stop := fmt.Errorf("stop")
	if err := Walk(context.Background(), dir, "HEAD", nil, func(LogCommit) error { return stop }); err != stop {
		t.Fatalf("a callback error must come back: %v", err)
	}
}

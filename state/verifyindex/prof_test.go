package verifyindex

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/stamp"
	"github.com/dispatchos/dos/witness/git"
)

func TestProfCold(t *testing.T) {
	dir := os.Getenv("PROF_REPO")
	if dir == "" {
		t.Skip()
	}
	tip, _ := git.ReadRef(dir+"/.git", dir+"/.git", "HEAD")
	for range 3 {
		t0 := time.Now()
		n := 0
		git.Walk(context.Background(), dir, "HEAD", nil, func(c git.LogCommit) error { n++; return nil })
		t1 := time.Now()
		x, _ := Get(context.Background(), Request{RepoDir: dir, Tip: tip, Convention: stamp.Generic()})
		t2 := time.Now()
		b := NewBuilder(100000)
		for _, c := range x.Commits() {
			b.Add(c)
		}
		t3 := time.Now()
		b.Build(tip, 0)
		t4 := time.Now()
		t.Logf("walk-only %v, get %v, add-all %v, build %v", t1.Sub(t0), t2.Sub(t1), t3.Sub(t2), t4.Sub(t3))
	}
}

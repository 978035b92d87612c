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
	r, _ := git.Open(dir)
	tip, _ := r.Resolve("HEAD")
	t0 := time.Now()
	var cs []Commit
	git.Walk(context.Background(), dir, "HEAD", nil, func(c git.LogCommit) error {
		cs = append(cs, FromMessage(c.Hash, c.Time, c.Message, stamp.Generic()))
		return nil
	})
	t1 := time.Now()
	x := Build(tip, 0, cs)
	t2 := time.Now()
	t.Logf("walk %v build %v size %d", t1.Sub(t0), t2.Sub(t1), len(x.Bytes()))
}

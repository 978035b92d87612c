package git

import (
	"fmt"
	"testing"

	"github.com/dispatchos/dos/internal/gittest"
)

func TestFirstParentSteps(t *testing.T) {
	cases := []struct {
		rev   string
		base  string
		steps int
		ok    bool
	}{
		{"HEAD~33", "HEAD", 33, true},
		{"HEAD^^", "HEAD", 2, true},
		{"main~2^~3", "main", 6, true},
		{"HEAD^1", "HEAD", 1, true},
		{"HEAD^2", "", 0, false},
		{"HEAD~x", "", 0, false},
		{"HEAD", "HEAD", 0, true},
	}
	for _, c := range cases {
		base, steps, ok := firstParentSteps(c.rev)
		if base != c.base || steps != c.steps || ok != c.ok {
			t.Errorf("firstParentSteps(%q) = %q %d %v", c.rev, base, steps, ok)
		}
	}
}

// A revision that steps past the first commit is explained with the
// length of the history, instead of go-git's bare EOF.
func TestPastRoot(t *testing.T) {
	dir := gittest.Init(t)
	for i := range 5 {
		gittest.Commit(t, dir, fmt.Sprintf("c%d", i), "f.txt")
	}
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if base, depth, ok := r.PastRoot("HEAD~33"); !ok || base != "HEAD" || depth != 5 {
		t.Errorf("PastRoot(HEAD~33) = %q %d %v, want HEAD 5 true", base, depth, ok)
	}
	if _, _, ok := r.PastRoot("HEAD~4"); ok {
		t.Error("HEAD~4 is the root, not past it")
	}
	if _, _, ok := r.PastRoot("nosuch~3"); ok {
		t.Error("an unknown base is not explained")
	}
}

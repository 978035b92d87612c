package oracle

import (
	"fmt"
	"testing"

	"github.com/dispatchos/dos/kernel/stamp"
)

// chain is a history, newest first: a stamp followed by n reverts, each
// reverting the one before it.
func chain(n int) memHistory {
	h := memHistory{{sha: sha(0), subject: "AUTH1: ship g", files: []string{"g"}}}
	for i := 1; i <= n; i++ {
		h = append(memHistory{{sha: sha(i), subject: fmt.Sprintf("Revert #%d", i), files: []string{"g"}, reverts: sha(i - 1)}}, h...)
	}
	return h
}

// Truth 7, revert chains: a revert that is itself reverted does not
// refute, so along one chain the parity of its length decides.
func TestRevertChainParity(t *testing.T) {
	for n := 0; n <= 9; n++ {
		v, err := Verify(stamp.Query{Plan: "AUTH", Phase: "AUTH1"}, Evidence{History: chain(n)}, stamp.Generic(), Policy{})
		if err != nil {
			t.Fatal(err)
		}
		if want := n%2 == 0; v.Shipped != want {
			t.Errorf("chain of %d reverts: shipped=%v (%s), want %v", n, v.Shipped, v.Line(), want)
		}
		if !v.Shipped && (v.Rung != RungReverted || v.DemotedSHA != "aaaaaaa") {
			t.Errorf("chain of %d reverts: %+v, want rung reverted on the stamp", n, v)
		}
	}
}

// Where the chain branches, one standing revert is enough to refute.
func TestRevertBranches(t *testing.T) {
	s := memCommit{sha: sha(0), subject: "AUTH1: ship g", files: []string{"g"}}
	rev := func(i, of int) memCommit {
		return memCommit{sha: sha(i), subject: "Revert", files: []string{"g"}, reverts: sha(of)}
	}
	cases := []struct {
		name    string
		hist    memHistory
		shipped bool
	}{
		{"two reverts, one reapplied", memHistory{rev(3, 1), rev(2, 0), rev(1, 0), s}, false},
		{"two reverts, both reapplied", memHistory{rev(4, 2), rev(3, 1), rev(2, 0), rev(1, 0), s}, true},
		{"a reapply reverted twice, one of those reapplied", memHistory{rev(4, 3), rev(3, 2), rev(5, 2), rev(2, 1), rev(1, 0), s}, false},
		{"a revert naming itself refutes nothing", memHistory{rev(1, 1), s}, true},
	}
	for _, c := range cases {
		v, err := Verify(stamp.Query{Plan: "AUTH", Phase: "AUTH1"}, Evidence{History: c.hist}, stamp.Generic(), Policy{})
		if err != nil {
			t.Fatal(err)
		}
		if v.Shipped != c.shipped {
			t.Errorf("%s: %s, want shipped=%v", c.name, v.Line(), c.shipped)
		}
	}
}

// loopHistory has revert links given as a map, so a test can forge what
// git cannot hold: a loop (a message cannot name its own future hash).
type loopHistory struct {
	memHistory
	by map[int][]int
}

func (l loopHistory) Reverters(ref int) []int { return l.by[ref] }

// A forged loop of reverts ends: a link back into the loop counts as not
// refuting, and the answer is the same on every call.
func TestRevertLoopEnds(t *testing.T) {
	l := loopHistory{by: map[int][]int{0: {1}, 1: {2}, 2: {1}}}
	r := newRefutation(l)
	first := r.refuted(0)
	for range 3 {
		if newRefutation(l).refuted(0) != first || r.refuted(0) != first {
			t.Fatal("the answer on a loop changes between calls")
		}
	}
}

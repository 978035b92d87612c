package admission

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/reasons"
	"github.com/dispatchos/dos/kernel/tree"
)

// world is a random taxonomy, board and request over a tiny path alphabet,
// where overlaps, shared prefixes and exclusive lanes are common.
type world struct {
	tax  Taxonomy
	live []lease.Lease
	req  Request
}

func randomWorld(r *rand.Rand) world {
	dirs := []string{"a/", "a/b/", "b/", "ab/", "c/", "", "a/b/c.go", "*.go", "./a/", "A/"}
	glob := func() string {
		d := dirs[r.IntN(len(dirs))]
		if r.IntN(2) == 0 {
			return d + "**"
		}
		return d
	}
	treeOf := func() []string {
		t := make([]string, r.IntN(3))
		for i := range t {
			t[i] = glob()
		}
		return t
	}
	names := []string{"l0", "l1", "l2", "l3", "x0", "global"}
	w := world{tax: Taxonomy{Trees: map[string][]string{}, Aliases: map[string]string{"al": "l1"}}}
	for _, n := range names[:5] {
		switch r.IntN(4) {
		case 0:
			w.tax.Exclusive = append(w.tax.Exclusive, n)
		case 1, 2:
			w.tax.Concurrent = append(w.tax.Concurrent, n)
			if r.IntN(3) > 0 {
				w.tax.Autopick = append(w.tax.Autopick, n)
			}
		}
		if r.IntN(5) > 0 {
			w.tax.Trees[n] = treeOf()
		}
	}
	kinds := []string{"cluster", "keyword", "global", "", "", "named"}
	for range r.IntN(4) {
		n := names[r.IntN(len(names))]
		w.live = append(w.live, lease.Lease{Lane: n, LaneKind: kinds[r.IntN(len(kinds))], Tree: treeOf(),
			Holder: fmt.Sprintf("h%d", r.IntN(3))})
	}
	reqNames := append(slices.Clone(names), "", "al", "nosuch", "L1")
	w.req = Request{
		Lane: reqNames[r.IntN(len(reqNames))], Kind: []string{"", "", "cluster", "keyword", "global"}[r.IntN(5)],
		Owner: fmt.Sprintf("h%d", r.IntN(4)), Exact: r.IntN(3) == 0, Force: r.IntN(8) == 0, Auto: r.IntN(2) == 0,
	}
	if r.IntN(3) == 0 {
		w.req.Tree = treeOf()
	}
	return w
}

// checkSafety states what no decision may ever do, whatever the rules,
// under the strict policy.
func checkSafety(t *testing.T, w world, d Decision) { checkSafetyAt(t, w, d, 0) }

// checkSafetyAt is checkSafety under a ratio: a grant's tree never scores
// a refusal against a live tree (at 0: never shares a prefix with it).
func checkSafetyAt(t *testing.T, w world, d Decision, ratio float64) {
	t.Helper()
	x := newTaxonomy(w.tax)
	var others []lease.Lease
	for _, l := range w.live {
		if l.Holder != w.req.Owner {
			others = append(others, l)
		}
	}
	fail := func(format string, a ...any) {
		t.Helper()
		t.Fatalf("%s\nworld: %+v\ndecision: %+v", fmt.Sprintf(format, a...), w, d)
	}
	if !d.Granted() {
		if d.Lane != "" || d.LaneKind != "" || len(d.Tree) != 0 || d.AutoPicked {
			fail("a refusal carries a grant")
		}
		if _, ok := reasons.Default().Lookup(d.ReasonClass); !ok {
			fail("refusal class %q is not registered", d.ReasonClass)
		}
		// every lane the refusal offers is granted when asked for by name.
		for _, fl := range d.FreeLanes {
			if g := Arbitrate(Request{Lane: fl, Owner: w.req.Owner}, w.live, w.tax, Policy{RatioMax: ratio}); !g.Granted() || g.Lane != fl {
				fail("offered free lane %q is refused when asked for: %s", fl, g.Reason)
			}
		}
		return
	}
	if d.ReasonClass != "" {
		fail("a grant carries a reason class")
	}
	for _, l := range others {
		if x.exclusiveLease(l) {
			fail("granted while exclusive lease %q (kind %q) is live", l.Lane, l.LaneKind)
		}
	}
	if d.Forced {
		// the operator override may seat even an exclusive lane beside
		// live leases; only a live exclusive lease stops it (above).
		return
	}
	if x.isExclusive(kindKey(d.LaneKind)) && len(others) > 0 {
		fail("exclusive grant %q beside %d live lease(s)", d.LaneKind, len(others))
	}
	if !tree.Known(d.Tree) {
		fail("granted an unknown tree without --force")
	}
	for _, l := range others {
		if !tree.Known(l.Tree) {
			continue
		}
		if ratio == 0 && !tree.Disjoint(d.Tree, l.Tree) {
			fail("strict grant of %q collides with live %q (%q vs %q)", d.Lane, l.Lane, d.Tree, l.Tree)
		}
		if o := tree.Score(d.Tree, l.Tree, ratio); !o.Verdict.Admits() {
			fail("grant of %q scores %s against live %q", d.Lane, o.Verdict, l.Lane)
		}
	}
	// a named lane is never swapped unless the request asked (decision 7).
	if (w.req.Exact || !w.req.Auto) && w.req.Lane != "" && (d.AutoPicked || laneKey(d.Lane) != x.resolve(w.req.Lane)) && w.req.Kind != KindGlobal {
		fail("granted %q for %q without --auto", d.Lane, w.req.Lane)
	}
	if !d.AutoPicked && w.req.Lane != "" && laneKey(d.Lane) != x.resolve(w.req.Lane) && w.req.Kind != KindGlobal {
		fail("granted %q for %q without saying it was auto-picked", d.Lane, w.req.Lane)
	}
}

// TestArbitrateSafety runs the arbiter over many random worlds with the
// strict policy and checks the invariants that hold whatever rule fired.
func TestArbitrateSafety(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	granted := 0
	for range 30000 {
		w := randomWorld(r)
		d := Arbitrate(w.req, w.live, w.tax, Policy{})
		checkSafety(t, w, d)
		if d.Granted() {
			granted++
		}
		checkSafetyAt(t, w, Arbitrate(w.req, w.live, w.tax, Policy{RatioMax: third}), third)
	}
	if granted < 1000 {
		t.Fatalf("only %d grants in 30000 worlds: the generator is too hostile to test anything", granted)
	}
}

func FuzzArbitrate(f *testing.F) {
	for _, s := range []uint64{0, 1, 42, 1 << 40} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		w := randomWorld(rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)))
		checkSafety(t, w, Arbitrate(w.req, w.live, w.tax, Policy{}))
	})
}

package admission

import (
	"slices"
	"strings"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/tree"
)

// wholeRepo is the tree of an exclusive lane that declares none.
var wholeRepo = []string{"**/*"}

// taxonomy is a Taxonomy indexed by lane name. Lane names match exactly
// (surrounding space aside): "ss" is not "ß" and "Src" is not "src", so a
// request never lands on a lane it did not name. Paths, unlike names, are
// compared case-folded (package tree), which only ever over-refuses.
type taxonomy struct {
	t          Taxonomy
	concurrent map[string]bool
	exclusive  map[string]bool
	autopick   map[string]bool
	spelling   map[string]string   // name -> declared spelling
	trees      map[string][]string // name -> tree
	aliases    map[string]string   // alias -> lane
}

// laneKey is how a lane name is compared: exactly, without surrounding
// space.
func laneKey(s string) string { return strings.TrimSpace(s) }

func newTaxonomy(t Taxonomy) *taxonomy {
	x := &taxonomy{
		t: t, concurrent: map[string]bool{}, exclusive: map[string]bool{}, autopick: map[string]bool{},
		spelling: map[string]string{}, trees: map[string][]string{}, aliases: map[string]string{},
	}
	note := func(set map[string]bool, names []string) {
		for _, n := range names {
			f := laneKey(n)
			if set != nil {
				set[f] = true
			}
			if _, ok := x.spelling[f]; !ok {
				x.spelling[f] = n
			}
		}
	}
	note(x.concurrent, t.Concurrent)
	note(x.exclusive, t.Exclusive)
	note(x.autopick, t.Autopick)
	keys := make([]string, 0, len(t.Trees))
	for k := range t.Trees {
		keys = append(keys, k)
	}
	slices.Sort(keys) // deterministic when two spellings differ only in space
	for _, k := range keys {
		f := laneKey(k)
		if _, ok := x.trees[f]; !ok || k == x.spelling[f] {
			x.trees[f] = t.Trees[k]
		}
		note(nil, []string{k})
	}
	for a, l := range t.Aliases {
		x.aliases[laneKey(a)] = laneKey(l)
	}
	return x
}

// resolve trims a lane name and follows one alias hop.
func (x *taxonomy) resolve(name string) string {
	f := laneKey(name)
	if to, ok := x.aliases[f]; ok && !x.declared(f) {
		return to
	}
	return f
}

// declared reports a name the taxonomy lists as a lane or tree.
func (x *taxonomy) declared(f string) bool {
	_, t := x.trees[f]
	return x.concurrent[f] || x.exclusive[f] || x.autopick[f] || t
}

// known reports a lane name the arbiter may grant.
func (x *taxonomy) known(f string) bool { return f == KindGlobal || x.declared(f) }

// isExclusive reports an exclusive lane; "global" always is.
func (x *taxonomy) isExclusive(f string) bool { return f == KindGlobal || x.exclusive[f] }

// isCluster reports a lane that may run beside others.
func (x *taxonomy) isCluster(f string) bool {
	return !x.isExclusive(f) && (x.concurrent[f] || x.autopick[f])
}

// spell is the declared spelling of a folded name, else fallback.
func (x *taxonomy) spell(f, fallback string) string {
	if s, ok := x.spelling[f]; ok {
		return s
	}
	if f == KindGlobal {
		return KindGlobal
	}
	return fallback
}

// treeOf is a lane's declared tree; an exclusive lane without one covers
// the whole repository.
func (x *taxonomy) treeOf(f string) []string {
	if t := x.trees[f]; tree.Known(t) {
		return t
	}
	if x.isExclusive(f) {
		return wholeRepo
	}
	return nil
}

// knownList is every lane a request may name, sorted.
func (x *taxonomy) knownList() []string {
	var out []string
	for _, names := range [][]string{x.t.Concurrent, x.t.Exclusive, x.t.Autopick} {
		out = append(out, names...)
	}
	if !slices.ContainsFunc(out, func(s string) bool { return laneKey(s) == KindGlobal }) {
		out = append(out, KindGlobal)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// freeAutopick is the auto-pick ladder minus live lanes, in ladder order.
func (x *taxonomy) freeAutopick(live map[string]bool) []string {
	return free(x.t.Autopick, live)
}

// freeConcurrent is the concurrent lanes minus live ones.
func (x *taxonomy) freeConcurrent(live map[string]bool) []string {
	return free(x.t.Concurrent, live)
}

func free(names []string, live map[string]bool) []string {
	out := []string{}
	for _, n := range names {
		if !live[laneKey(n)] && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// exclusiveLease reports a live lease that must run alone: its kind or
// its lane is a declared exclusive lane or "global".
func (x *taxonomy) exclusiveLease(l lease.Lease) bool {
	return x.isExclusive(kindKey(l.LaneKind)) || x.isExclusive(x.resolve(l.Lane))
}

// kindKey is how a kind is compared: the built-in kind words (cluster,
// keyword, global) in any case, an exclusive lane's name exactly.
func kindKey(kind string) string {
	k := strings.TrimSpace(kind)
	switch f := strings.ToLower(k); f {
	case KindCluster, KindKeyword, KindGlobal:
		return f
	}
	return k
}

// ValidKind reports whether kind is a request kind this taxonomy accepts:
// "", cluster, keyword, global, or the name of an exclusive lane.
func ValidKind(kind string, t Taxonomy) bool {
	switch k := kindKey(kind); k {
	case "", KindCluster, KindKeyword, KindGlobal:
		return true
	default:
		return newTaxonomy(t).exclusive[k]
	}
}

// KnownLanes lists the lanes a request may name (sorted), for messages.
func KnownLanes(t Taxonomy) []string { return newTaxonomy(t).knownList() }

// LaneTree resolves a lane name (matched exactly, aliases followed) to its
// declared spelling and tree. known is false for a name the taxonomy does
// not declare; its tree is then empty.
func LaneTree(t Taxonomy, name string) (lane string, laneTree []string, known bool) {
	x := newTaxonomy(t)
	f := x.resolve(name)
	if !x.known(f) {
		return name, nil, false
	}
	return x.spell(f, name), x.treeOf(f), true
}

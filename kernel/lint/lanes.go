package lint

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dispatchos/dos/kernel/tree"
)

// checkLanes finds lanes that can never be granted or that contradict
// each other.
func checkLanes(l Lanes) []Finding {
	var fs []Finding
	declared := map[string]bool{}
	for _, n := range l.Concurrent {
		declared[n] = true
	}
	for _, n := range l.Exclusive {
		declared[n] = true
	}
	// Roles per lane, in a stable order.
	roles := map[string][]string{}
	for _, n := range l.Concurrent {
		roles[n] = appendOnce(roles[n], "concurrent")
	}
	for _, n := range l.Autopick {
		roles[n] = appendOnce(roles[n], "autopick")
	}
	for _, n := range slices.Sorted(maps.Keys(roles)) {
		if len(l.Trees[n]) == 0 {
			fs = append(fs, Finding{Error, LaneWithoutTree, n,
				fmt.Sprintf("lane is %s but has no tree, so it can never be granted", strings.Join(roles[n], " and ")),
				fmt.Sprintf(`add %q = [%q] under [lanes.trees]`, n, n+"/**")})
		}
	}
	for _, n := range uniq(l.Concurrent) {
		if slices.Contains(l.Exclusive, n) {
			fs = append(fs, Finding{Error, LaneBothConcurrentAndExclusive, n,
				"lane is listed as both concurrent and exclusive",
				"keep it in one of [lanes] concurrent or exclusive"})
		}
	}
	for _, n := range uniq(l.Autopick) {
		if !declared[n] {
			fs = append(fs, Finding{Warn, AutopickLaneUndeclared, n,
				"autopick names a lane that is neither concurrent nor exclusive",
				"declare the lane or drop it from [lanes] autopick"})
		}
	}
	for _, kw := range slices.Sorted(maps.Keys(l.Aliases)) {
		if t := l.Aliases[kw]; !declared[t] {
			fs = append(fs, Finding{Warn, AliasTargetUndeclared, kw,
				fmt.Sprintf("alias points at lane '%s', which is not declared", t),
				"point the alias at a declared lane or declare the lane"})
		}
	}
	fs = append(fs, checkNames(l)...)
	outside := checkTrees(l, &fs)
	return append(fs, checkRegions(l, outside)...)
}

// checkTrees finds lane trees that leave the repository or go through a
// symbolic link, and returns the lanes whose trees leave it.
func checkTrees(l Lanes, fs *[]Finding) map[string]bool {
	outside := map[string]bool{}
	for _, n := range slices.Sorted(maps.Keys(l.Trees)) {
		why, ok := l.Outside[n]
		if !ok {
			if err := tree.Confine(l.Trees[n]); err != nil {
				why, ok = err.Error(), true
			}
		}
		if ok {
			outside[n] = true
			*fs = append(*fs, Finding{Error, TreeOutsideRepository, n,
				why + "; the lane can never be granted",
				"write the tree as paths inside the repository"})
			continue
		}
		if r, ok := l.Resolved[n]; ok && !slices.Equal(r, l.Trees[n]) {
			*fs = append(*fs, Finding{Warn, TreeThroughLink, n,
				fmt.Sprintf("tree %s goes through a symbolic link; admission compares it as %s", quoteAll(l.Trees[n]), quoteAll(r)),
				fmt.Sprintf("write the tree as %s", quoteAll(r))})
		}
	}
	return outside
}

// checkNames finds lane names that differ only in case or case folding
// ("Src" and "src", "ß" and "ss").
func checkNames(l Lanes) []Finding {
	byFold := map[string][]string{}
	for _, n := range uniq(slices.Concat(l.Concurrent, l.Exclusive, l.Autopick, slices.Collect(maps.Keys(l.Trees)))) {
		f := tree.Fold(strings.TrimSpace(n))
		byFold[f] = appendOnce(byFold[f], n)
	}
	var fs []Finding
	for _, f := range slices.Sorted(maps.Keys(byFold)) {
		if names := byFold[f]; len(names) > 1 {
			fs = append(fs, Finding{Warn, LaneNamesDifferInCase, strings.Join(names, "+"),
				fmt.Sprintf("lane names %s differ only in case; lane names match exactly, so each is a different lane", quoteAll(names)),
				"rename all but one so no two lanes differ only in case"})
		}
	}
	return fs
}

func quoteAll(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = "'" + x + "'"
	}
	return strings.Join(q, ", ")
}

// checkRegions compares the trees of concurrent lanes pairwise, with links
// followed; trees that leave the repository are reported on their own.
func checkRegions(l Lanes, outside map[string]bool) []Finding {
	treeOf := func(n string) []string {
		if r, ok := l.Resolved[n]; ok {
			return r
		}
		return l.Trees[n]
	}
	var names []string
	for _, n := range uniq(l.Concurrent) {
		if len(l.Trees[n]) > 0 && !outside[n] {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	var fs []Finding
	for i, a := range names {
		pa := prefixes(treeOf(a))
		for _, b := range names[i+1:] {
			pb := prefixes(treeOf(b))
			aInB, bInA := covered(pa, pb), covered(pb, pa)
			switch {
			case aInB && !bInA:
				fs = append(fs, shadowed(a, b))
			case bInA && !aInB:
				fs = append(fs, shadowed(b, a))
			case intersects(pa, pb):
				fs = append(fs, Finding{Warn, ConcurrentLanesOverlap, a + "+" + b,
					fmt.Sprintf("lanes '%s' and '%s' can both write some of the same paths", a, b),
					"split the trees so the lanes are disjoint, or make one of them exclusive"})
			}
		}
	}
	return fs
}

func shadowed(dead, by string) Finding {
	return Finding{Warn, LaneRegionShadowed, dead,
		fmt.Sprintf("every path lane '%s' may write is also in lane '%s', so it is blocked whenever '%s' is held", dead, by, by),
		fmt.Sprintf("narrow '%s' or drop '%s'", by, dead)}
}

// prefixes normalizes a tree the way admission does (tree.Prefix), so
// lint and the arbiter agree on which trees overlap.
func prefixes(globs []string) []string {
	out := make([]string, len(globs))
	for i, g := range globs {
		out[i] = tree.Prefix(g)
	}
	return out
}

// covered reports whether every prefix in a starts with some prefix in b.
func covered(a, b []string) bool {
	for _, x := range a {
		if !slices.ContainsFunc(b, func(y string) bool { return strings.HasPrefix(x, y) }) {
			return false
		}
	}
	return len(a) > 0
}

func intersects(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if strings.HasPrefix(x, y) || strings.HasPrefix(y, x) {
				return true
			}
		}
	}
	return false
}

func appendOnce(l []string, s string) []string {
	if slices.Contains(l, s) {
		return l
	}
	return append(l, s)
}

func uniq(l []string) []string {
	out := slices.Clone(l)
	slices.Sort(out)
	return slices.Compact(out)
}

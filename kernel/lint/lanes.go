package lint

import (
	"fmt"
	"maps"
	"slices"
	"strings"
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
	return append(fs, checkRegions(l)...)
}

// checkRegions compares the trees of concurrent lanes pairwise.
func checkRegions(l Lanes) []Finding {
	var names []string
	for _, n := range uniq(l.Concurrent) {
		if len(l.Trees[n]) > 0 {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	var fs []Finding
	for i, a := range names {
		pa := prefixes(l.Trees[a])
		for _, b := range names[i+1:] {
			pb := prefixes(l.Trees[b])
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

// Prefix returns the literal directory prefix of a tree glob: backslashes
// become slashes, it is trimmed and case-folded, and cut at the first glob
// character ("**/*" gives "", which contains everything).
func Prefix(glob string) string {
	p := strings.ToLower(strings.TrimSpace(strings.ReplaceAll(glob, `\`, "/")))
	p = strings.TrimPrefix(p, "./")
	if i := strings.IndexAny(p, "*?[{"); i >= 0 {
		p = p[:i]
	}
	return p
}

func prefixes(globs []string) []string {
	out := make([]string, len(globs))
	for i, g := range globs {
		out[i] = Prefix(g)
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

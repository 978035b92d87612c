package tree

import (
	"fmt"
	"strconv"
	"strings"
)

// Verdict is the outcome of scoring two known trees.
type Verdict string

// The overlap verdicts; the words are the reference's.
const (
	AdmitDisjoint   Verdict = "admit_disjoint"
	AdmitSoft       Verdict = "admit_soft"
	RefuseOverlap   Verdict = "refuse_overlap"
	RefuseExactGlob Verdict = "refuse_exact_glob"
)

// Admits reports whether v lets the two trees run together.
func (v Verdict) Admits() bool { return v == AdmitDisjoint || v == AdmitSoft }

// FloorRatio is the most overlap any policy may tolerate: the reference's
// built-in scorer at one third. A larger ratio_max is capped to it.
const FloorRatio = 1.0 / 3.0

// Overlap is the scored relation of a requested tree to one live tree.
type Overlap struct {
	Verdict   Verdict
	Shared    int // requested entries colliding with the live tree
	Requested int // max(1, len(requested)), blanks and duplicates counted
	Reason    string
}

// Score compares a requested tree with a live lease's tree. ratioMax is
// the policy's tolerated share of the requested tree (0 refuses any shared
// prefix); it is capped at [FloorRatio], and a value within 0.001 of it
// is read as exactly one third. Both trees should be known; an
// unknown one is handled by the caller.
func Score(requested, live []string, ratioMax float64) Overlap {
	limit := min(max(ratioMax, 0), FloorRatio)
	if FloorRatio-limit < 1e-3 {
		// 0.3333 in dos.toml means the reference's one third.
		limit = FloorRatio
	}
	liveSet := NewSet(live)
	shared := 0
	for _, e := range requested {
		if e != "" && liveSet.Collides(Prefix(e)) {
			shared++
		}
	}
	o := Overlap{Shared: shared, Requested: max(1, len(requested))}
	if same := exactGlobs(requested, live); len(same) > 0 {
		o.Verdict = RefuseExactGlob
		o.Reason = fmt.Sprintf("exact-glob overlap: identical glob claimed by both lanes (%d: %s) — same write region, hard collision regardless of ratio",
			len(same), firstFew(same, 3))
		return o
	}
	ratio := float64(shared) / float64(o.Requested)
	switch {
	case shared == 0:
		o.Verdict = AdmitDisjoint
		o.Reason = "no shared prefixes — fully disjoint"
	case ratio > limit:
		o.Verdict = RefuseOverlap
		o.Reason = fmt.Sprintf("overlap too large (%d/%d = %s of requested tree shared, threshold %s)",
			shared, o.Requested, Percent(ratio), Percent(limit))
	default:
		o.Verdict = AdmitSoft
		o.Reason = fmt.Sprintf("soft-overlap admit — %d/%d = %s of requested tree shared (≤%s)",
			shared, o.Requested, Percent(ratio), Percent(limit))
	}
	return o
}

// exactGlobs lists the requested entries whose non-empty prefix equals a
// live entry's prefix. Whole-repository prefixes are left to the ratio.
func exactGlobs(requested, live []string) []string {
	lp := map[string]bool{}
	for _, p := range Prefixes(live) {
		if p != "" {
			lp[p] = true
		}
	}
	var out []string
	for _, e := range requested {
		if e == "" {
			continue
		}
		if p := Prefix(e); p != "" && lp[p] {
			out = append(out, e)
		}
	}
	return out
}

func firstFew(xs []string, n int) string {
	if len(xs) <= n {
		return strings.Join(xs, ", ")
	}
	return strings.Join(xs[:n], ", ") + ", …"
}

// Percent renders a ratio as a whole percentage, rounded half to even.
func Percent(r float64) string {
	return strconv.FormatFloat(r*100, 'f', 0, 64) + "%"
}

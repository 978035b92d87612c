package stamp

import (
	"regexp"
	"strings"
	"testing"
)

// This file holds slow references for the trailer and release-prefix rungs,
// built from regular expressions with every boundary checked by hand.

// reWS is the reference's whitespace class restricted to ASCII.
const reWS = `[\t\n\v\f\r \x1c-\x1f]`

// quoteAll quotes each string and joins them as an alternation group.
func quoteAll(vs []string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = regexp.QuoteMeta(v)
	}
	return "(?:" + strings.Join(q, "|") + ")"
}

// trailerOracle is the trailer pattern itself: it needs no look-around.
func trailerOracle(q Query, c Convention) *regexp.Regexp {
	pre := `\w[\w.\-]*/`
	if len(c.SubjectDirs) > 0 {
		pre = quoteAll(c.SubjectDirs) + "/"
	}
	issue := `(?:` + reWS + `*[,;]?` + reWS + `*(?:fixes|closes|refs)?` + reWS + `*#[0-9]+)*`
	return regexp.MustCompile(`(?i)^` + reWS + `*.*\(` + reWS + `*(?:refs` + reWS + `+)?(?:` + pre + `)?` +
		quoteAll(seriesVariants(q.Plan, nil)) + `:?` + reWS + `+` + quoteAll(phaseVariants(q.Phase, q.Plan)) +
		issue + reWS + `*\)` + reWS + `*$`)
}

// releaseOracle reports a release-prefix mention: some prefix of s up to t
// is a summary prefix followed by any text on the first line, a left
// boundary holds at t, some s[t:e] is one of the series-qualified spellings
// and a right boundary holds at e.
func releaseOracle(q Query, c Convention) func(s string) bool {
	summ := `v[0-9]+\.[0-9]+\.[0-9]+:`
	for _, p := range c.SummaryBundlePrefixes {
		summ += "|" + regexp.QuoteMeta(p)
	}
	head := regexp.MustCompile(`(?i)^` + reWS + `*(?:` + summ + `)[^\n]*$`)
	opens := regexp.MustCompile(`(?i)^` + reWS + `*(?:` + summ + `)`)
	var alts []string
	for _, a := range releaseAlts(q.Plan, q.Phase) {
		plan, n := regexp.QuoteMeta(q.Plan), regexp.QuoteMeta(a.text)
		switch a.kind {
		case altLiteral:
			alts = append(alts, n)
		case altGlued:
			alts = append(alts, plan+reWS+`*`+n)
		case altAdjacent:
			alts = append(alts, plan+reWS+`*:?`+reWS+`+Phase`+reWS+`*`+n)
		}
	}
	tok := regexp.MustCompile(`(?i)^(?:` + strings.Join(alts, "|") + `)$`)
	return func(s string) bool {
		if !opens.MatchString(s) {
			return false
		}
		for t := 0; t <= len(s); t++ {
			if !boundaryBefore(s, t) || !head.MatchString(s[:t]) {
				continue
			}
			for e := t; e <= len(s); e++ {
				if boundaryAfter(s, e) && tok.MatchString(s[t:e]) {
					return true
				}
			}
		}
		return false
	}
}

// TestRungsAgainstOracles compares the trailer and release-prefix rungs with
// their slow references on generated ASCII subjects (no progress markers, so
// the only guards are bookkeeping and, for trailers, release subjects).
func TestRungsAgainstOracles(tt *testing.T) {
	hits := map[Rung]int{}
	for _, c := range conventions()[2:] { // the two with trailers enabled
		c.ProgressMarkers = nil
		for _, q := range queries {
			m := Compile(q, c)
			tr, rel := trailerOracle(q, c), releaseOracle(q, c)
			bad := 0
			each(3, 1500, func(s string) {
				if strings.ContainsRune(s, '\u00a0') || bad >= 5 {
					return
				}
				got := m.Subject(s)
				book := isBookkeeping(s, c.BookkeepingPrefixes)
				wantT := tr.MatchString(s) && !book && !startsSummary(s, c.SummaryBundlePrefixes)
				wantR := rel(s) && !book
				if wantT {
					hits[Trailer]++
				}
				if wantR {
					hits[ReleasePrefix]++
				}
				if got.Has(Trailer) != wantT || got.Has(ReleasePrefix) != wantR {
					bad++
					tt.Errorf("dirs=%v %q %q on %q: got %v, oracle trailer=%v release=%v",
						c.SubjectDirs, q.Plan, q.Phase, s, got, wantT, wantR)
				}
			})
		}
	}
	if hits[Trailer] < 50 || hits[ReleasePrefix] < 50 {
		tt.Errorf("generator too weak: %v", hits)
	}
}

// TestRegressions pins cases a differential run against the reference's
// regular expressions once caught.
func TestRegressions(tt *testing.T) {
	gt := Generic()
	gt.TrailerStamp = true
	runRows(tt, gt, []row{
		// An empty phase must not match between the two bytes of a no-break space.
		{"mention inside a character", "AUTH", "", "v1.2.3:snapshot\u00a0AUTH", 0},
		// With an empty plan, `(\s*` gives whitespace back to the `\s+` after it.
		{"trailer whitespace given back", "", "HYG", "( HYG)", t},
		{"refs whitespace given back", "", "X1", "fix (refs  X1)", t},
		{"refs needs its own whitespace", "", "X1", "fix (refs X1)", 0},
	})
}

package stamp

import (
	"regexp"
	"strings"
	"testing"
)

// This file checks the fast matcher against deliberately simple references
// (style practice 6): a regular-expression translation of the direct rung
// with the boundary checked by hand, and the index-key soundness property,
// both over every short subject built from a small alphabet of pieces and
// over a longer pseudo-random sample.

// pieces is the alphabet subjects are built from: fragments that exercise
// every part of the grammar.
var pieces = []string{
	"AUTH", "auth", "1", "10", "AUTH1", ":", " ", "/", "-", ".", "_", "'", "prime",
	"(", ")", "v1.2.3:", "Phase", "refs", "#2", ",", "docs", "x", "wip", "\u00a0",
	"snapshot", "HYG", "docs/HYG:", "docs/", "AUTH: ", "x_1", "x-wip", "a.b",
	"(AUTH ", "(refs docs/x: ", "AUTH1)", "docs/AUTH ", " #3)",
}

// queries are the (plan, phase) pairs the generated subjects are checked with.
var queries = []Query{
	{"AUTH", "AUTH1"}, {"AUTH", "1"}, {"AUTH", "Phase 1"}, {"AUTH", "AUTH1'"},
	{"docs/x_1", "AUTH1-x"}, {"HYG", "x_wip"}, {"AUTH", "AUTH"}, {"WHATEVER", "AUTH1"},
	{"AUTH", "prime"}, {"", "AUTH1"}, {"AUTH", ""}, {"/", "'"}, {"AUTH", "Phase1"},
	{"a.b", "1-x"}, {" AUTH", " 1"}, {"AUTH", "AUTH1-x"},
}

// conventions are the grammars the generated subjects are checked under.
func conventions() []Convention {
	g, j := Generic(), Job()
	gt, jt := Generic(), Job()
	gt.TrailerStamp, jt.TrailerStamp = true, true
	gt.ProgressMarkers = []string{"wip"}
	gt.SubPhaseParentFallback = true
	gt.SummaryBundlePrefixes = []string{"docs/HYG:"}
	return []Convention{g, j, gt, jt}
}

// each calls f with every concatenation of up to n pieces, then with a
// deterministic pseudo-random sample of longer ones.
func each(n, sample int, f func(s string)) {
	var rec func(prefix string, depth int)
	rec = func(prefix string, depth int) {
		f(prefix)
		if depth == n {
			return
		}
		for _, p := range pieces {
			rec(prefix+p, depth+1)
		}
	}
	rec("", 0)
	seed := uint64(0x9e3779b97f4a7c15)
	next := func(k int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int((seed >> 33) % uint64(k))
	}
	for i := 0; i < sample; i++ {
		var b strings.Builder
		for k := 4 + next(6); k > 0; k-- {
			b.WriteString(pieces[next(len(pieces))])
		}
		f(b.String())
	}
}

// directOracle is the slow reference for the direct rung: the reference's
// pattern as an RE2 expression without its look-ahead, tried as a full match
// of every prefix of s, with the boundary checked by hand after the prefix.
type directOracle struct{ re *regexp.Regexp }

// newDirectOracle translates the direct pattern for q under c. Only valid for
// ASCII subjects: RE2's \s and (?i) differ from the reference beyond ASCII.
func newDirectOracle(q Query, c Convention) directOracle {
	var alts []string
	for _, v := range phaseVariants(q.Phase, q.Plan) {
		alts = append(alts, regexp.QuoteMeta(v))
	}
	alt := "(?:" + strings.Join(alts, "|") + ")"
	plan := regexp.QuoteMeta(q.Plan)
	ws := `[\t\n\v\f\r \x1c-\x1f]`
	var core string
	if len(c.SubjectDirs) > 0 {
		var ds []string
		for _, d := range c.SubjectDirs {
			ds = append(ds, regexp.QuoteMeta(d))
		}
		core = "(?:" + strings.Join(ds, "|") + ")/" + plan + ":?" + ws + "+" + alt
	} else {
		core = `(?:\w[\w.\-]*/)?(?:` + plan + ":?" + ws + "+" + alt + "|(?:" + plan + ")?" + alt + ":)"
	}
	return directOracle{regexp.MustCompile(`^(?i:` + ws + `*` + core + `)$`)}
}

// match reports whether some prefix of s matches and is followed by a
// boundary.
func (o directOracle) match(s string) bool {
	for l := len(s); l >= 0; l-- {
		if boundaryAfter(s, l) && o.re.MatchString(s[:l]) {
			return true
		}
	}
	return false
}

// TestDirectAgainstOracle compares the hand-written direct matcher with the
// regular-expression oracle on generated ASCII subjects.
func TestDirectAgainstOracle(tt *testing.T) {
	positives := map[bool]int{}
	defer func() {
		if positives[false] < 100 || positives[true] < 100 {
			tt.Errorf("generator too weak: %d generic and %d job positives", positives[false], positives[true])
		}
	}()
	for _, c := range []Convention{Generic(), Job()} {
		for _, q := range queries {
			m := Compile(q, c)
			o := newDirectOracle(q, c)
			bad := 0
			each(3, 3000, func(s string) {
				if strings.ContainsRune(s, '\u00a0') {
					return
				}
				_, fast := m.direct(s)
				slow := o.match(s)
				if slow {
					positives[len(c.SubjectDirs) > 0]++
				}
				if fast != slow && bad < 5 {
					bad++
					tt.Errorf("dirs=%v %q %q on %q: fast=%v oracle=%v", c.SubjectDirs, q.Plan, q.Phase, s, fast, slow)
				}
			})
		}
	}
}

// TestKeysSoundExhaustive checks the index property on generated subjects:
// whenever a subject (or a body) matches, one of the keys is among its tokens.
func TestKeysSoundExhaustive(tt *testing.T) {
	if testing.Short() {
		tt.Skip("exhaustive generation skipped in -short mode")
	}
	matched := map[Rung]int{}
	defer func() {
		for _, r := range Order[:len(Order)-1] {
			if matched[r] == 0 {
				tt.Errorf("generator never produced a %s match", r)
			}
		}
	}()
	for ci, c := range conventions() {
		for _, q := range queries {
			m := Compile(q, c)
			keys, ok := m.Keys()
			if !ok {
				continue
			}
			bad := 0
			each(3, 4000, func(s string) {
				if bad >= 5 {
					return
				}
				r := m.Subject(s)
				for _, o := range Order {
					if r.Has(o) {
						matched[o]++
					}
				}
				if groups, _ := m.KeyGroups(); r != 0 && !anyGroup(groups, Tokens(s)) {
					bad++
					tt.Errorf("conv %d %q %q: subject %q matched %v, groups %v, tokens %v", ci, q.Plan, q.Phase, s, r, groups, Tokens(s))
				}
				if r != 0 && !anyKey(keys, Tokens(s)) {
					bad++
					tt.Errorf("conv %d %q %q: subject %q matched %v, keys %v, tokens %v", ci, q.Plan, q.Phase, s, r, keys, Tokens(s))
				}
				if m.Body("v1.0.0: x", s) && !anyKey(keys, Tokens(s)) {
					bad++
					tt.Errorf("conv %d %q %q: body %q matched, keys %v", ci, q.Plan, q.Phase, s, keys)
				}
			})
		}
	}
}

// TestKeysCoverage pins which queries can and cannot be indexed.
func TestKeysCoverage(tt *testing.T) {
	cases := []struct {
		q    Query
		c    Convention
		want string // "" means ok=false
	}{
		// The Phase N synonyms and the plan-less glued form make "auth" and
		// "phase" necessary: `Phase 1: x` and `AUTH: Phase 1` both ship AUTH1.
		{Query{"AUTH", "AUTH1"}, Generic(), "auth1 authauth1 phase1 authphase1 auth authphase phase"},
		{Query{"AUTH", "Phase 16"}, Generic(), "auth16 authauth16 auth authauth authphase phase phase16"},
		{Query{"AUTH", "AUTH1"}, Job(), "auth1 phase1 auth"},
		{Query{"docs/82_liveness-oracle-plan", "liveness"}, Generic(), "liveness planliveness"},
		{Query{"AUTH", ""}, Generic(), ""},
		{Query{"§", "§"}, Generic(), ""},
		{Query{"HYG", "dropbox_zero_apply"}, Job(), "dropbox hyg"},
	}
	for _, c := range cases {
		keys, ok := Compile(c.q, c.c).Keys()
		got := strings.Join(keys, " ")
		if !ok {
			got = ""
		}
		if got != c.want {
			tt.Errorf("Keys(%q %q) = %q (ok=%v), want %q", c.q.Plan, c.q.Phase, got, ok, c.want)
		}
	}
}

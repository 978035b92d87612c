package stamp

import (
	"strings"
	"testing"
)

// TestBookkeeping pins the subjects that name phases without shipping them.
func TestBookkeeping(tt *testing.T) {
	runRows(tt, Generic(), []row{
		{"working-dir snapshot", "AUTH", "AUTH2", "working-dir snapshot: AUTH2 in flight", 0},
		{"snapshot glued form", "AUTH", "AUTH2", "snapshot: AUTH2: x", 0},
		{"snapshot must be a word", "AUTH", "AUTH2", "AUTH2: resnapshot: later", d},
		{"snapshot after first colon only", "AUTH", "AUTH2", "AUTH2: a snapshot: x", d},
		{"archive rollup", "FB", "FB2", "docs/fanout: archive 20260530T093407Z chain (FB2 halted)", 0},
		{"rollup glued to stamp", "FB", "FB2", "FB2: archive 20260530 chain", 0},
		{"bare archive", "FB", "archive", "archive 20260530T0233Z: x", 0},
		{"archive phase without run id", "FB", "archive", "FB: archive", d},
		{"archive needs eight digits", "FB", "FB2", "FB2: archive 202605301 x", d},
		{"archive run id boundary", "FB", "FB2", "FB2: archive 20260530x", d},
		{"release bookkeeping", "EC", "EC17", "v1.0.0 snapshot: EC17", 0},
	})
	c := Generic()
	c.BookkeepingPrefixes = []string{"chore(plans):"}
	runRows(tt, c, []row{
		{"declared prefix", "chore(plans)", "X1", "chore(plans): X1 claimed", 0},
		{"declared prefix case", "AUTH", "AUTH1", "CHORE(PLANS): AUTH1: x", 0},
	})
}

// TestJobConvention pins the strict directory-prefixed grammar, its
// progress markers, its bundle slug and its sub-phase fallback.
func TestJobConvention(tt *testing.T) {
	runRows(tt, Job(), []row{
		{"docs prefix", "AUTH", "AUTH1", "docs/AUTH: AUTH1 x", d},
		{"go prefix no colon", "AUTH", "AUTH1", "go/AUTH AUTH1 x", d},
		{"dir case-insensitive", "AUTH", "AUTH1", "Docs/auth: auth1 x", d},
		{"no dir", "AUTH", "AUTH1", "AUTH: AUTH1 x", 0},
		{"no glued form", "AUTH", "AUTH1", "docs/AUTH1: x", 0},
		{"undeclared dir", "AUTH", "AUTH1", "src/AUTH: AUTH1 x", 0},
		{"progress marker", "AUTH", "AUTH1", "docs/AUTH: AUTH1 wip", 0},
		{"progress marker upper", "AUTH", "AUTH1", "docs/AUTH: AUTH1 WIP of x", 0},
		{"progress hyphenated", "AUTH", "AUTH1", "docs/AUTH: AUTH1 week-1 soak", 0},
		{"progress section sign", "AUTH", "AUTH1", "docs/AUTH: AUTH1 §why", 0},
		{"separator beats marker", "AUTH", "AUTH1", "docs/AUTH: AUTH1 — audit", d},
		{"colon beats marker", "AUTH", "AUTH1", "docs/AUTH: AUTH1: wip", d},
		{"marker must be the whole word", "AUTH", "AUTH1", "docs/AUTH: AUTH1 wip: done", d},
		{"bookkeeping prefix", "_plans", "X1", "docs/_plans: X1 claimed", 0},
		{"release progress", "AUTH", "AUTH1", "v1.0.0: AUTH1 audit", 0},
		{"release ship", "AUTH", "AUTH1", "v1.0.0: AUTH1 lands", r},
		{"hyg bundle mention", "HYG", "H3", "docs/HYG: H3 cleanup", d | r | h},
		{"hyg slug", "HYG", "dropbox_zero_apply", "docs/HYG: Dropbox zero-apply picker audit (queue #20)", h},
		{"hyg slug miss", "HYG", "dropbox_zero_apply", "docs/HYG: Dropbox picker", 0},
		{"sub-phase parent", "UP", "UP6-diagnostics", "docs/UP: UP6 — /ui/system/diagnostics tile fan-out", p},
		{"sub-phase parent needs suffix", "AAR", "AAR15-foo", "docs/AAR: AAR15 — apply lessons", 0},
		{"sub-phase parent progress", "UP", "UP6-soak", "docs/UP: UP6 soak start", 0},
		{"sub-phase exact wins", "UP", "UP6-diag", "docs/UP: UP6-diag x", d},
	})
	runRows(tt, Generic(), []row{
		{"generic has no sub-phase fallback", "UP", "UP6-diagnostics", "UP: UP6 — diagnostics", 0},
	})
}

// TestTrailerRung pins the opt-in `(PLAN PHASE)` closing stamp.
func TestTrailerRung(tt *testing.T) {
	c := Generic()
	c.TrailerStamp = true
	runRows(tt, c, []row{
		{"plain", "AUTH", "AUTH21", "fix(x): thing (AUTH AUTH21)", t},
		{"refs and colon", "AUTH", "AUTH23", "feat: x (refs AUTH: AUTH23)", t},
		{"not at the end", "AUTH", "AUTH24", "(AUTH AUTH24) trailing words", 0},
		{"trailing space", "AUTH", "AUTH21", "fix: thing (AUTH AUTH21)  ", t},
		{"issue refs", "AUTH", "AUTH21", "fix: thing (AUTH AUTH21, fixes #5; #6)", t},
		{"issue ref needs hash", "AUTH", "AUTH21", "fix: thing (AUTH AUTH21 fixes 5)", 0},
		{"short head", "docs/286_shipping-wheels", "Phase 3", "feat(pypi): x (docs/286 Phase 3, #21)", t},
		{"full id", "docs/286", "Phase 3", "feat(pypi): x (docs/286 Phase 3, #21)", t},
		{"Phase 30 is not Phase 3", "docs/286", "Phase 3", "feat(pypi): x (docs/286 Phase 30)", 0},
		{"progress-marked trailer", "AUTH", "AUTH21", "fix: x (AUTH AUTH21 audit)", 0},
		{"summary subject falls to release", "AUTH", "AUTH21", "v1.0.0: x (AUTH AUTH21)", r},
		{"bookkeeping", "AUTH", "AUTH21", "snapshot: x (AUTH AUTH21)", 0},
		{"direct and trailer", "AUTH", "AUTH21", "AUTH21: x (AUTH AUTH21)", d | t},
	})
	runRows(tt, Generic(), []row{
		{"off by default", "AUTH", "AUTH21", "fix(x): thing (AUTH AUTH21)", 0},
	})
	m := CompileWith(Query{Plan: "docs/306_a-plan", Phase: "P2"}, c, Options{AmbiguousHeads: []string{"306"}})
	if got := m.Subject("feat: x (docs/306 P2)"); got != 0 {
		tt.Errorf("ambiguous head accepted: %v", got)
	}
	if got := m.Subject("feat: x (docs/306_a-plan P2)"); got != t {
		tt.Errorf("full id under ambiguity: got %v", got)
	}
}

// TestReleasePrefix pins the release-prefix rung and its series
// qualification.
func TestReleasePrefix(tt *testing.T) {
	runRows(tt, Generic(), []row{
		{"bundled", "EC", "EC17", "v0.268.0: EC17 escalation + RS4 archetype", r},
		{"second in bundle", "RS", "RS4", "v0.268.0: EC17 escalation + RS4 archetype", r},
		{"right after the anchor", "AUTH", "AUTH14", "v1.2.3:AUTH14 tight", r},
		{"left boundary", "AUTH", "AUTH14", "v1.2.3: xAUTH14", 0},
		{"left boundary dot", "AUTH", "AUTH14", "v1.2.3: 1.AUTH14", 0},
		{"right boundary", "AUTH", "AUTH14", "v1.2.3: AUTH14.1", 0},
		{"anchored", "AUTH", "AUTH14", "release v1.2.3: AUTH14", 0},
		{"two-part version", "AUTH", "AUTH14", "v1.2: AUTH14", 0},
		{"generic phase unqualified", "PSC", "Phase 6", "v0.62.0: docs/09 Phase 6 UI", 0},
		{"generic phase adjacent", "PSC", "Phase 6", "v0.62.0: PSC Phase 6 UI", r},
		{"generic phase colon", "PSC", "Phase 6", "v0.62.0: PSC: Phase 6", r},
		{"generic phase glued", "PSC", "Phase 6", "v0.62.0: PSC6 workers", r},
		{"generic phase spaced", "PSC", "Phase 6", "v0.62.0: PSC 6 workers", r},
		{"synonym unqualified", "EV", "EV1", "v0.37.0: Login Subsystem Phase 1", 0},
		{"synonym qualified", "EV", "EV1", "v0.37.0: EV Phase 1", r},
	})
}

// TestBody pins the body-mention pass.
func TestBody(tt *testing.T) {
	m := Compile(Query{Plan: "AUTH", Phase: "AUTH7"}, Generic())
	cases := []struct {
		msg  string
		want bool
	}{
		{"v1.2.0: bundle\n\n- AUTH7 landed\n", true},
		{"v1.2.0: bundle\n\n- AUTH70 landed\n", false},
		{"v1.2.0: bundle AUTH7\n\nnothing here\n", false}, // the subject line is the release rung's job
		{"feat: x\n\nAUTH7\n", false},
		{"\n\n  v1.2.0: late first line\nAUTH7\n", true},
	}
	for _, c := range cases {
		fl, body := SplitMessage(c.msg)
		if got := m.Body(fl, body); got != c.want {
			tt.Errorf("Body(%q): got %v, want %v", c.msg, got, c.want)
		}
		if got := m.Body(fl, body); got && !anyKey(m.keys, Tokens(body)) {
			tt.Errorf("keys %v miss body %q", m.keys, body)
		}
	}
	job := Compile(Query{Plan: "AUTH", Phase: "AUTH7"}, Job())
	if !job.Body("docs/HYG: audit", "AUTH7 done") {
		tt.Error("declared summary prefix did not open the body")
	}
	if BodyMatters("docs/_plans: v1.0.0: x", Job()) || BodyMatters("feat: x", Generic()) || !BodyMatters(" v1.0.0: x", Generic()) {
		tt.Error("BodyMatters disagrees with the summary/bookkeeping rules")
	}
}

// TestPick pins the winner: pass order first, then the newest subject.
func TestPick(tt *testing.T) {
	m := Compile(Query{Plan: "AUTH", Phase: "AUTH1"}, Generic())
	subjects := []string{
		"v2.0.0: AUTH1 bundled",          // release, newest
		`Revert "AUTH: AUTH1 — refresh"`, // ignored
		"AUTH: AUTH1 — refresh",          // direct
		"AUTH1: first try",               // direct, older
	}
	if i, r := Pick(m, subjects); i != 2 || r != Direct {
		tt.Errorf("Pick = %d %q, want 2 direct", i, r)
	}
	if i, r := Pick(m, subjects[:2]); i != 0 || r != ReleasePrefix {
		tt.Errorf("Pick = %d %q, want 0 release-prefix", i, r)
	}
	if i, r := Pick(m, []string{"chore: x"}); i != -1 || r != "" {
		tt.Errorf("Pick = %d %q, want -1", i, r)
	}
	if got := (d | r).Best(); got != Direct {
		tt.Errorf("Best = %q", got)
	}
	if (d|r).String() != "direct+release-prefix" || Rungs(0).String() != "none" || Rungs(0).Has("nope") {
		tt.Error("Rungs rendering")
	}
}

// TestSubjectOf pins the %s fold and the first-line split.
func TestSubjectOf(tt *testing.T) {
	cases := map[string]string{
		"AUTH:\nAUTH1 two line\n\nbody":   "AUTH: AUTH1 two line",
		"\n  \nfirst\r\nsecond  \n\nbody": "first second",
		"\uFEFFAUTH1: bom":                "AUTH1: bom",
		"  lead kept":                     "  lead kept",
		"":                                "",
	}
	for in, want := range cases {
		if got := SubjectOf(in); got != want {
			tt.Errorf("SubjectOf(%q) = %q, want %q", in, got, want)
		}
	}
	fl, body := SplitMessage("\n \nv1.0.0: x  \nline a\nline b")
	if fl != "v1.0.0: x" || body != "line a\nline b" {
		tt.Errorf("SplitMessage = %q, %q", fl, body)
	}
	if got := strings.Join(Tokens("AUTH: Auth1—x_y v1.2.3 auth"), ","); got != "auth,auth1,x,y,v1,2,3" {
		tt.Errorf("Tokens = %s", got)
	}
}

// TestTokensLong covers deduplication past the short-list threshold.
func TestTokensLong(tt *testing.T) {
	var b strings.Builder
	for round := 0; round < 2; round++ {
		for i := 0; i < 40; i++ {
			b.WriteString("T")
			b.WriteString(strings.Repeat("x", i))
			b.WriteString(" ")
		}
	}
	toks := Tokens(b.String())
	if len(toks) != 40 || toks[0] != "t" || toks[39] != "t"+strings.Repeat("x", 39) {
		tt.Errorf("Tokens: %d tokens, first %q", len(toks), toks[0])
	}
}

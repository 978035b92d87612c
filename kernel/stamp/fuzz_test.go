package stamp

import (
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are (plan, phase, subject) triples covering every rung.
var fuzzSeeds = [][3]string{
	{"AUTH", "AUTH1", "AUTH1: ship the login endpoint"},
	{"AUTH", "AUTH1", "AUTH: AUTH1 — token refresh"},
	{"AUTH", "Phase 16", "AUTH: AUTH 16 x"},
	{"MG", "MG3'-1", "docs/MG: MG3prime-1 wip"},
	{"AUTH", "AUTH21", "fix(x): thing (refs AUTH: AUTH21, fixes #5)"},
	{"docs/286_shipping-wheels", "Phase 3", "feat: x (docs/286 Phase 3, #21)"},
	{"EC", "EC17", "v0.268.0: EC17 escalation + RS4 archetype"},
	{"PSC", "Phase 6", "v0.62.0: PSC: Phase 6 UI"},
	{"HYG", "dropbox_zero_apply", "docs/HYG: Dropbox zero-apply picker audit"},
	{"UP", "UP6-diagnostics", "docs/UP: UP6 — /ui/system/diagnostics tile"},
	{"FB", "FB2", "docs/fanout: archive 20260530T093407Z chain (FB2 halted)"},
	{"AUTH", "AUTH2", "working-dir snapshot: AUTH2 in flight"},
	{"", "", "\uFEFF  :"},
	{" A", "1 ", "\u00a0 A\u2003 1 x"},
}

// fuzzConvention picks one of the test conventions.
func fuzzConvention(k uint8) Convention {
	cs := conventions()
	return cs[int(k)%len(cs)]
}

// isASCII reports whether s is printable-or-control ASCII only.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// FuzzSubject checks that matching never panics, is deterministic, agrees
// with Pick, and (for ASCII input) agrees with the regular-expression oracle
// on the direct rung.
func FuzzSubject(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s[0], s[1], s[2], uint8(i))
	}
	f.Fuzz(func(t *testing.T, plan, phase, subject string, k uint8) {
		if len(plan) > 64 || len(phase) > 64 || len(subject) > 256 {
			return
		}
		c := fuzzConvention(k)
		m := Compile(Query{Plan: plan, Phase: phase}, c)
		r1, r2 := m.Subject(subject), m.Subject(subject)
		if r1 != r2 {
			t.Fatalf("nondeterministic: %v then %v", r1, r2)
		}
		i, rung := Pick(m, []string{subject})
		if (i == 0) != (r1 != 0) || rung != r1.Best() {
			t.Fatalf("Pick = %d %q, Subject = %v", i, rung, r1)
		}
		fl, body := SplitMessage(subject)
		_ = m.Body(fl, body)
		_ = BodyMatters(subject, c)
		if isASCII(plan + phase + subject) {
			_, fast := m.direct(subject)
			if slow := newDirectOracle(Query{Plan: plan, Phase: phase}, c).match(subject); fast != slow {
				t.Fatalf("direct: fast=%v oracle=%v", fast, slow)
			}
		}
	})
}

// FuzzKeysSound checks the index property the verify index relies on: a
// subject or body that matches always carries one of the query's keys.
func FuzzKeysSound(f *testing.F) {
	for i, s := range fuzzSeeds {
		f.Add(s[0], s[1], s[2], "v1.0.0: bundle", uint8(i))
	}
	f.Fuzz(func(t *testing.T, plan, phase, subject, firstLine string, k uint8) {
		if len(plan) > 64 || len(phase) > 64 || len(subject) > 256 {
			return
		}
		m := Compile(Query{Plan: plan, Phase: phase}, fuzzConvention(k))
		keys, ok := m.Keys()
		if !ok {
			return
		}
		groups, _ := m.KeyGroups()
		if r := m.Subject(subject); r != 0 && !anyKey(keys, Tokens(subject)) {
			t.Fatalf("subject %q matched %v but holds none of %v", subject, r, keys)
		}
		if r := m.Subject(subject); r != 0 && !anyGroup(groups, Tokens(subject)) {
			t.Fatalf("subject %q matched %v but holds no whole group of %v", subject, r, groups)
		}
		if m.Body(firstLine, subject) && !anyKey(keys, Tokens(subject)) {
			t.Fatalf("body %q matched but holds none of %v", subject, keys)
		}
		if m.Body(firstLine, subject) && !anyGroup(groups, Tokens(subject)) {
			t.Fatalf("body %q matched but holds no whole group of %v", subject, groups)
		}
	})
}

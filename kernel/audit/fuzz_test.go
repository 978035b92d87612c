package audit

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadSubject checks that any subject reads without panicking into a
// known kind with one or two leads, that case does not matter, and that a
// housekeeping word always abstains.
func FuzzReadSubject(f *testing.F) {
	for _, s := range []string{
		"", ":", "::", "fix: ", "fix(api): add retry", "docs/verify.md: fix link", "WIP",
		"make tests pass", "add test results", "ci(ci)!: wire", "README.md", "a: b: c",
		"feat(: x", "feat)(: x", "ümlaut: füx", "fix\tthe\ttab", "x(docs): y", "add a table of contents",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := ReadSubject(s)
		if c.Kind < ClaimNone || c.Kind > ClaimCodeEffect {
			t.Fatalf("kind %d out of range", c.Kind)
		}
		if n := len(c.Leads); n < 1 || n > 2 {
			t.Fatalf("%d leads", n)
		}
		if (c.Head != "") != (len(c.Leads) == 2) {
			t.Fatalf("head %q with leads %v", c.Head, c.Leads)
		}
		if c.Housekeeping != "" && c.Kind != ClaimNone {
			t.Fatalf("housekeeping %q but kind %s", c.Housekeeping, c.Kind)
		}
		if utf8.ValidString(s) && strings.ToLower(s) == s {
			if u := ReadSubject(strings.ToUpper(s)); u.Kind != c.Kind && strings.ToLower(strings.ToUpper(s)) == s {
				t.Fatalf("upper case changed the kind: %s vs %s", u.Kind, c.Kind)
			}
		}
		if w := ReadSubject(s + " wip"); w.Kind != ClaimNone {
			t.Fatalf("%q with a trailing wip is %s, want none", s, w.Kind)
		}
		_ = Audit(Commit{Subject: s, Files: []string{s}}, Options{}).Line()
	})
}

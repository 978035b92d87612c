package stamp

import "testing"

// TestSubjectDoesNotAllocate pins the hot path: matching a subject under the
// default grammars allocates nothing, hit or miss.
func TestSubjectDoesNotAllocate(tt *testing.T) {
	subjects := []string{
		"AUTH: AUTH1 — token refresh",
		"AUTH1: ship it",
		"v1.2.3: AUTH1 and AUTH2 bundled",
		"feat(x): unrelated work (refs #12)",
		"docs/AUTH: AUTH1 wip",
		"working-dir snapshot: AUTH1",
	}
	for _, c := range []Convention{Generic(), Job()} {
		m := Compile(Query{Plan: "AUTH", Phase: "AUTH1"}, c)
		for _, s := range subjects {
			if n := testing.AllocsPerRun(50, func() { m.Subject(s) }); n != 0 {
				tt.Errorf("Subject(%q) allocates %.0f times", s, n)
			}
		}
	}
}

// BenchmarkSubject measures one subject match on a miss and on a hit.
func BenchmarkSubject(b *testing.B) {
	m := Compile(Query{Plan: "AUTH", Phase: "AUTH1"}, Generic())
	for _, s := range []string{"feat(api): add the thing that was missing", "AUTH: AUTH1 — token refresh"} {
		b.Run(s[:8], func(b *testing.B) {
			for b.Loop() {
				m.Subject(s)
			}
		})
	}
}

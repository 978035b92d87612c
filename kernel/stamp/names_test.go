package stamp

import (
	"fmt"
	"slices"
	"testing"
)

func TestStamped(t *testing.T) {
	trailer := Generic()
	trailer.TrailerStamp = true
	job := Job()
	cases := []struct {
		subject string
		conv    Convention
		want    []Query
	}{
		{"AUTH1: ship the login endpoint", Generic(), []Query{{Phase: "AUTH1"}}},
		{"AUTH: AUTH1 — token refresh", Generic(), []Query{{Plan: "AUTH", Phase: "AUTH1"}}},
		{"src/AUTH: AUTH6 scoped", Generic(), []Query{{Plan: "AUTH", Phase: "AUTH6"}}},
		{"docs/P3b.2: finish", Generic(), []Query{{Phase: "P3b.2"}}},
		{"AUTH: Phase 16 generic", Generic(), []Query{{Plan: "AUTH", Phase: "Phase 16"}}},
		{"fix(x): thing (AUTH AUTH21)", trailer, []Query{{Plan: "AUTH", Phase: "AUTH21"}}},
		{"fix(x): thing (AUTH AUTH21)", Generic(), nil},
		{"v1.2.3: AUTH7 and AUTH8 land", Generic(), []Query{{Plan: "AUTH", Phase: "AUTH7"}, {Plan: "AUTH", Phase: "AUTH8"}}},
		{"docs/AUTH: AUTH1 done", job, []Query{{Plan: "AUTH", Phase: "AUTH1"}}},
		{"AUTH1: glued is not JOB", job, nil},
		// What verify cannot be asked about is not a stamp.
		{"chore(release): v0.3.0", Generic(), nil},
		{"feat(api)!: oauth2 login", Generic(), nil},
		{"feat(api)!: drop the v1 endpoints", Generic(), nil},
		{"fix: handle tokens", Generic(), nil},
		{"v1.2.3: release", Generic(), nil},
		{"Merge pull request #12 from x/AUTH1", Generic(), nil},
		{"wip snapshot: AUTH: AUTH19", Generic(), nil},
		{"AUTH1:nospace", Generic(), nil},
		{"docs/notes/AUTH: AUTH7 — deep", Generic(), nil},
	}
	for _, c := range cases {
		if got := Stamped(c.subject, c.conv); !slices.Equal(got, c.want) {
			t.Errorf("Stamped(%q) = %v, want %v", c.subject, got, c.want)
		}
	}
}

// Stamped is the matcher read backwards: every pair it names is one the
// matcher accepts for that subject, on the rungs that stamp work.
func TestStampedAgreesWithTheMatcher(t *testing.T) {
	plans := []string{"AUTH", "P", "docs", "v1.2.3", "fix"}
	phases := []string{"AUTH1", "P3b.2", "Phase 3", "RS4-port", "1"}
	seps := []string{": ", " ", ":", " — ", "/"}
	for _, conv := range []Convention{Generic(), Job()} {
		for _, pl := range plans {
			for _, ph := range phases {
				for _, sep := range seps {
					for _, s := range []string{pl + sep + ph + " x", ph + ": x", "chore: x (" + pl + " " + ph + ")"} {
						for _, q := range Stamped(s, conv) {
							if Compile(q, conv).Subject(s)&stampRungs() == 0 {
								t.Errorf("Stamped(%q) names %v, which the matcher refuses", s, q)
							}
						}
					}
				}
			}
		}
	}
}

func FuzzStamped(f *testing.F) {
	for _, s := range []string{"AUTH1: x", "AUTH: AUTH1 x", "v1.2.3: AUTH7", "fix: y (AUTH AUTH2)", "a: Phase 3"} {
		f.Add(s)
	}
	conv := Generic()
	conv.TrailerStamp = true
	f.Fuzz(func(t *testing.T, s string) {
		for _, q := range Stamped(s, conv) {
			if Compile(q, conv).Subject(s)&stampRungs() == 0 {
				t.Fatal(fmt.Sprintf("Stamped(%q) names %v, which the matcher refuses", s, q))
			}
		}
	})
}

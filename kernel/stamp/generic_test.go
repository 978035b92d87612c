package stamp

import "testing"

// row is one subject checked against one query under one convention.
type row struct {
	name    string
	plan    string
	phase   string
	subject string
	want    Rungs
}

// d, t, r, h, p are the single-rung sets, for short tables.
var (
	d = bit(Direct)
	t = bit(Trailer)
	r = bit(ReleasePrefix)
	h = bit(HygSlug)
	p = bit(SubPhaseParent)
)

// runRows checks every row under c.
func runRows(tt *testing.T, c Convention, rows []row) {
	tt.Helper()
	for _, x := range rows {
		tt.Run(x.name, func(tt *testing.T) {
			m := Compile(Query{Plan: x.plan, Phase: x.phase}, c)
			if got := m.Subject(x.subject); got != x.want {
				tt.Errorf("verify %q %q on %q: got %v, want %v", x.plan, x.phase, x.subject, got, x.want)
			}
			checkKeysCover(tt, m, []string{x.subject})
		})
	}
}

// TestGenericMatrix is the observed GENERIC matrix of verify-and-config §3.4,
// one row per observation.
func TestGenericMatrix(tt *testing.T) {
	runRows(tt, Generic(), []row{
		{"glued", "AUTH", "AUTH1", "AUTH1: ship the login endpoint", d},
		{"prefixed", "AUTH", "AUTH1", "AUTH: AUTH1 — token refresh", d},
		{"colon optional", "AUTH", "AUTH8", "AUTH AUTH8 no colon", d},
		{"one dir segment", "AUTH", "AUTH6", "src/AUTH: AUTH6 — scoped", d},
		{"two segments", "AUTH", "AUTH7", "docs/notes/AUTH: AUTH7 — deep", 0},
		{"not at start", "AUTH", "AUTH5", "feat: AUTH5 added", 0},
		{"bracket", "AUTH", "AUTH10", "[AUTH10] bracket", 0},
		{"hyphen vs bare", "AUTH", "AUTH11", "AUTH-11: hyphen", 0},
		{"hyphen exact", "AUTH", "AUTH-11", "AUTH-11: hyphen", d},
		{"prefixed needs whitespace", "AUTH", "AUTH17", "AUTH:AUTH17 nospace", 0},
		{"boundary after glued colon", "AUTH", "AUTH1", "AUTH1:nospace", 0},
		{"spaced colon", "AUTH", "AUTH3", "AUTH3 : spaced colon", 0},
		{"nothing after colon", "AUTH", "AUTH2", "AUTH2:", d},
		{"glued letter", "AUTH", "AUTH16b", "AUTH16b: glued letter", d},
		{"no progress markers", "AUTH", "AUTH18", "AUTH: AUTH18 audit", d},
		{"bookkeeping snapshot", "AUTH", "AUTH19", "wip snapshot: AUTH: AUTH19", 0},
		{"revert subject", "AUTH", "AUTH1", `Revert "AUTH: AUTH1 — token refresh"`, 0},
		{"merge subject", "AUTH", "AUTH4", "AUTH: AUTH4 merge subject", d},
		{"series optional when glued", "WHATEVER", "AUTH1", "AUTH1: anything", d},
		{"series glued to phase", "AUTH", "1", "AUTH1: anything", d},
		{"phase equal to plan", "AUTH", "AUTH", "AUTH: AUTH1 anything", d},
		{"lowercase subject", "AUTH", "AUTH9", "auth: auth9 lower", d},
		{"lowercase query", "AUTH", "auth9", "AUTH: AUTH9 upper", d},
		{"folded two-line subject", "AUTH", "AUTH1", SubjectOf("AUTH:\nAUTH1 two line\n\nbody"), d},
		{"leading whitespace", "AUTH", "AUTH1", "   AUTH1: indented", d},
		{"leading BOM", "AUTH", "AUTH1", "\uFEFFAUTH1: bom", d},
		{"regex metacharacters literal", "AUTH", "AUTH.*", "AUTH: AUTH1 x", 0},
		{"regex metacharacters exact", "AUTH", "AUTH.*", "AUTH: AUTH.* x", d},
	})
}

// TestBoundaries pins the token boundary: after the phase, none of
// [A-Za-z0-9.-] may follow.
func TestBoundaries(tt *testing.T) {
	runRows(tt, Generic(), []row{
		{"AUTH1 is not AUTH10", "AUTH", "AUTH1", "AUTH: AUTH10 x", 0},
		{"AUTH10 itself", "AUTH", "AUTH10", "AUTH: AUTH10 x", d},
		{"underscore is a boundary", "AUTH", "AUTH12", "AUTH: AUTH12_x", d},
		{"hyphen suffix", "AUTH", "AUTH12", "AUTH: AUTH12-port", 0},
		{"dot suffix", "AUTH", "AUTH13", "AUTH: AUTH13.1", 0},
		{"slash list first", "AUTH", "AUTH9", "AUTH: AUTH9/AUTH10", d},
		{"slash list second", "AUTH", "AUTH10", "AUTH: AUTH9/AUTH10", 0},
		{"comma list first", "AUTH", "AUTH7", "AUTH: AUTH7, AUTH8 done", d},
		{"comma list second", "AUTH", "AUTH8", "AUTH: AUTH7, AUTH8 done", 0},
		{"apostrophe boundary", "AUTH", "AUTH7", "AUTH: AUTH7's tail", d},
		{"paren boundary", "AUTH", "AUTH7", "AUTH: AUTH7) x", d},
		{"end of subject", "AUTH", "AUTH7", "AUTH: AUTH7", d},
		{"sub-phase exact", "docs/x", "SF1.2", "docs/x: SF1.2 the real ship", d},
		{"sub-phase suffix", "docs/x", "SF1.2", "docs/x: SF1.2-port follow-up work", 0},
	})
}

// TestPhaseVariants pins the prime respelling and the Phase N <-> <PLAN>N
// synonyms.
func TestPhaseVariants(tt *testing.T) {
	runRows(tt, Generic(), []row{
		{"apostrophe query, prime subject", "MG", "MG3'-1", "MG: MG3prime-1 landed", d},
		{"prime query, apostrophe subject", "MG", "MG3prime-1", "MG: MG3'-1 landed", d},
		{"Phase N spaced", "AUTH", "Phase 16", "AUTH: Phase 16 generic", d},
		{"PLAN N from Phase N", "AUTH", "AUTH16", "AUTH: Phase 16 generic", d},
		{"Phase N from glued id", "AUTH", "Phase 16", "AUTH16: glued", d},
		{"Phase N as PLAN space N", "AUTH", "Phase 16", "AUTH: AUTH 16 spaced", d},
		{"Phase N glued keyword", "AUTH", "AUTH16", "AUTH: Phase16 tight", d},
		{"letters must equal plan", "AUTH", "RS16", "AUTH: Phase 16 generic", 0},
		{"decimal phase", "AUTH", "Phase 2.6", "AUTH2.6: x", d},
		{"decimal boundary", "AUTH", "Phase 2", "AUTH2.6: x", 0},
	})
}

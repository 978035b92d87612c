package stamp

import (
	"slices"
	"strings"
	"testing"

	"github.com/dispatchos/dos/internal/vectors"
)

// TestVerifyVectors replays the reference's recorded verify grep rung over
// its `git log --oneline` windows (GENERIC convention, as the native stop
// hook ran it) and checks the shipped flag, rung and sha.
func TestVerifyVectors(t *testing.T) {
	for _, v := range vectors.LoadVerify(t) {
		t.Run(v.Name, func(t *testing.T) {
			switch v.PySource {
			case "grep-subject", "none":
			default:
				t.Fatalf("unknown py_source %q", v.PySource)
			}
			switch Rung(v.PyVia) {
			case "", Direct, ReleasePrefix:
			default:
				t.Fatalf("unknown py_via %q", v.PyVia)
			}
			if v.PyShipped != (v.PySource == "grep-subject") || v.PyShipped != (v.PyVia != "") {
				t.Fatalf("inconsistent vector: shipped=%v source=%q via=%q", v.PyShipped, v.PySource, v.PyVia)
			}
			shas := make([]string, len(v.Oneline))
			subjects := make([]string, len(v.Oneline))
			for i, line := range v.Oneline {
				shas[i], subjects[i], _ = strings.Cut(line, " ")
			}
			m := Compile(Query{Plan: v.Plan, Phase: v.Phase}, Generic())
			i, rung := Pick(m, subjects)
			shipped, sha := i >= 0, ""
			if shipped {
				sha = shas[i]
			}
			if shipped != v.PyShipped || string(rung) != v.PyVia || sha != v.PySHA {
				t.Errorf("got shipped=%v via=%q sha=%q, want shipped=%v via=%q sha=%q",
					shipped, rung, sha, v.PyShipped, v.PyVia, v.PySHA)
			}
			checkKeysCover(t, m, subjects)
		})
	}
}

// checkKeysCover fails when a matching subject carries none of m's keys.
func checkKeysCover(t *testing.T, m *Matcher, subjects []string) {
	t.Helper()
	keys, ok := m.Keys()
	if !ok {
		return
	}
	for _, s := range subjects {
		if m.Subject(s) == 0 {
			continue
		}
		if !anyKey(keys, Tokens(s)) {
			t.Errorf("keys %v miss matching subject %q (tokens %v)", keys, s, Tokens(s))
		}
	}
}

// anyKey reports whether some key is among toks.
func anyKey(keys, toks []string) bool {
	for _, k := range keys {
		for _, tk := range toks {
			if k == tk {
				return true
			}
		}
	}
	return false
}

// allIn reports whether every token of group is among toks.
func allIn(group, toks []string) bool {
	for _, g := range group {
		if !slices.Contains(toks, g) {
			return false
		}
	}
	return true
}

// anyGroup reports whether some group lies wholly among toks.
func anyGroup(groups [][]string, toks []string) bool {
	return slices.ContainsFunc(groups, func(g []string) bool { return allIn(g, toks) })
}

package admission

import (
	"slices"
	"strings"
	"testing"
)

func TestScopeGate(t *testing.T) {
	api := []string{"src/api/**"}
	cases := []struct {
		name      string
		tree      []string
		files     []string
		tolerated []string
		verdict   string
		reason    string
		refused   []string
	}{
		{"observed creep", api, []string{"src/api/x.py", "docs/y.md"}, nil, ScopeCreep, "1 of 2", []string{"docs/y.md"}},
		{"all in", api, []string{"src/api/x.py", `src\api\y.py`, " ./src/API/z.py "}, nil, InScope, "all 3", []string{}},
		{"wrong target", api, []string{"docs/y.md"}, nil, WrongTarget, "none of the 1", []string{"docs/y.md"}},
		{"empty footprint", api, []string{"", "  "}, nil, InScope, "empty footprint", []string{}},
		{"no tree", nil, []string{"src/api/x.py"}, nil, WrongTarget, "declares no tree", []string{"src/api/x.py"}},
		{"whole repo", []string{"**/*"}, []string{"anything/at/all"}, nil, InScope, "all 1", []string{}},
		// the reference tolerated config.py anywhere; ours only on request.
		{"shared infra off", api, []string{"src/api/x.py", "pkg/config.py"}, nil, ScopeCreep, "pkg/config.py", []string{"pkg/config.py"}},
		{"shared infra on", api, []string{"src/api/x.py", "pkg/config.py"}, SharedInfra, InScope, "tolerated shared-infra file(s): pkg/config.py", []string{}},
		{"escaping path", []string{"**/*"}, []string{"../outside.go"}, nil, WrongTarget, "../outside.go", []string{"../outside.go"}},
		{"prefix is per segment", api, []string{"src/apiary/x.py"}, nil, WrongTarget, "src/apiary/x.py", []string{"src/apiary/x.py"}},
	}
	for _, c := range cases {
		g := ScopeGate("api", c.tree, c.files, c.tolerated)
		if g.Scope.Verdict != c.verdict || !strings.Contains(g.Reason, c.reason) || !slices.Equal(g.RefusedFiles, c.refused) {
			t.Errorf("%s: got %s %q refused=%q; want %s containing %q refused=%q", c.name, g.Scope.Verdict, g.Reason, g.RefusedFiles, c.verdict, c.reason, c.refused)
		}
		if g.Allowed != (c.verdict == InScope) || (g.Verdict == "ALLOW") != g.Allowed {
			t.Errorf("%s: allowed=%v verdict=%s for scope %s", c.name, g.Allowed, g.Verdict, g.Scope.Verdict)
		}
	}
}

func TestLaneTree(t *testing.T) {
	tax := specTaxonomy()
	for _, c := range []struct {
		in, lane string
		tree     []string
		known    bool
	}{
		{"api", "api", []string{"src/api/**"}, true},
		{"API", "API", nil, false},
		{"w", "worker", []string{"src/worker/**"}, true},
		{"global", "global", []string{"**/*"}, true},
		{"nosuch", "nosuch", nil, false},
	} {
		lane, tr, known := LaneTree(tax, c.in)
		if lane != c.lane || !slices.Equal(tr, c.tree) || known != c.known {
			t.Errorf("LaneTree(%q) = %q %q %v", c.in, lane, tr, known)
		}
	}
}

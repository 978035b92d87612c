package oracle

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dispatchos/dos/kernel/stamp"
)

// memCommit is a commit of the in-memory history, newest first.
type memCommit struct {
	sha     string
	subject string
	files   []string
	reverts string // sha of the commit this one reverts
}

// memHistory is the slice-backed History used to test the decider alone.
type memHistory []memCommit

func (m memHistory) Candidates(*stamp.Matcher) ([]Candidate, error) {
	out := make([]Candidate, len(m))
	for i, c := range m {
		out[i] = Candidate{Ref: i, Time: int64(1000 - i), Subject: c.subject}
	}
	return out, nil
}

func (m memHistory) Resolve(sha string) (int, bool) {
	for i, c := range m {
		if strings.HasPrefix(c.sha, sha) {
			return i, true
		}
	}
	return 0, false
}

func (m memHistory) Abbrev(ref int) string { return m[ref].sha[:7] }

func (m memHistory) Reverters(ref int) []int {
	var out []int
	for i, c := range m {
		if c.reverts != "" && c.reverts == m[ref].sha {
			out = append(out, i)
		}
	}
	return out
}

func (m memHistory) Footprint(ref int) ([]string, error) { return m[ref].files, nil }

func sha(n int) string { return strings.Repeat(string(rune('a'+n)), 40) }

func TestVerify(t *testing.T) {
	code := []string{"src/login.go"}
	cases := []struct {
		name   string
		hist   memHistory
		rows   []RegistryRow
		soaks  []Soak
		doc    string
		policy Policy
		q      stamp.Query
		want   Verdict
	}{{
		name: "a real stamp ships",
		hist: memHistory{{sha(0), "AUTH1: ship login", code, ""}},
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH1"},
		want: Verdict{Shipped: true, Source: "grep-subject", Rung: "direct", SHA: "aaaaaaa", Summary: "aaaaaaa AUTH1: ship login"},
	}, {
		name: "nothing backs the claim",
		hist: memHistory{{sha(0), "chore: tidy", code, ""}},
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH2"},
		want: Verdict{Source: "none"},
	}, {
		// Truth 3: an empty commit is not evidence.
		name: "empty stamp is refused",
		hist: memHistory{{sha(0), "AUTH1: ship login", nil, ""}},
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH1"},
		want: Verdict{Source: "none", Rung: "empty-stamp", Summary: "aaaaaaa AUTH1: ship login", DemotedSHA: "aaaaaaa"},
	}, {
		name:   "allow_empty restores the reference",
		hist:   memHistory{{sha(0), "AUTH1: ship login", nil, ""}},
		policy: Policy{AllowEmpty: true},
		q:      stamp.Query{Plan: "AUTH", Phase: "AUTH1"},
		want:   Verdict{Shipped: true, Source: "grep-subject", Rung: "direct", SHA: "aaaaaaa", Summary: "aaaaaaa AUTH1: ship login"},
	}, {
		name:   "a stamp touching only ignored paths is empty",
		hist:   memHistory{{sha(0), "AUTH1: ship login", []string{"notes/today.md"}, ""}},
		policy: Policy{IgnorePaths: []string{"notes/**"}},
		q:      stamp.Query{Plan: "AUTH", Phase: "AUTH1"},
		want:   Verdict{Source: "none", Rung: "empty-stamp", Summary: "aaaaaaa AUTH1: ship login", DemotedSHA: "aaaaaaa"},
	}, {
		name: "an empty stamp falls back to an older real one",
		hist: memHistory{{sha(0), "AUTH1: again", nil, ""}, {sha(1), "AUTH1: ship login", code, ""}},
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH1"},
		want: Verdict{Shipped: true, Source: "grep-subject", Rung: "direct", SHA: "bbbbbbb", Summary: "bbbbbbb AUTH1: ship login"},
	}, {
		// Truth 7: a reverted stamp is not evidence.
		name: "reverted stamp",
		hist: memHistory{{sha(0), `Revert "AUTH1: ship login"`, code, sha(1)}, {sha(1), "AUTH1: ship login", code, ""}},
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH1"},
		want: Verdict{Source: "none", Rung: "reverted", Summary: "bbbbbbb AUTH1: ship login", DemotedSHA: "bbbbbbb"},
	}, {
		name: "a newer real stamp beats an older reverted one",
		hist: memHistory{{sha(0), "AUTH1: ship it properly", code, ""}, {sha(1), `Revert "AUTH1"`, code, sha(2)}, {sha(2), "AUTH1: ship login", code, ""}},
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH1"},
		want: Verdict{Shipped: true, Source: "grep-subject", Rung: "direct", SHA: "aaaaaaa", Summary: "aaaaaaa AUTH1: ship it properly"},
	}, {
		name: "release-bump footprint is not a ship",
		hist: memHistory{{sha(0), "AUTH30: bump", []string{"VERSION", "CHANGELOG.md"}, ""}},
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH30"},
		want: Verdict{Source: "none", Rung: "release-bump", Summary: "aaaaaaa AUTH30: bump", DemotedSHA: "aaaaaaa"},
	}, {
		// Truth 2: a registry row counts only with a reachable commit.
		name: "registry row with a reachable sha",
		hist: memHistory{{sha(0), "chore: x", code, ""}},
		rows: []RegistryRow{{Plan: "auth", Phase: "auth5", Status: "Done", CommitSHA: sha(0)}},
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH5"},
		want: Verdict{Shipped: true, Source: "registry", SHA: "aaaaaaaaaaaa"},
	}, {
		name: "registry row with an unknown sha",
		hist: memHistory{{sha(0), "chore: x", code, ""}},
		rows: []RegistryRow{{Plan: "AUTH", Phase: "AUTH5", Status: "done", CommitSHA: "0123456789abcdef"}},
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH5"},
		want: Verdict{Source: "none", Rung: "registry-unreachable", DemotedSHA: "0123456789ab"},
	}, {
		name: "registry row with no sha is the run's own word",
		hist: memHistory{{sha(0), "chore: x", code, ""}},
		rows: []RegistryRow{{Plan: "AUTH", Phase: "AUTH5", Status: "done"}},
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH5"},
		want: Verdict{Source: "none"},
	}, {
		name: "unreachable registry row, but a real stamp exists",
		hist: memHistory{{sha(0), "AUTH5: real", code, ""}},
		rows: []RegistryRow{{Plan: "AUTH", Phase: "AUTH5", Status: "done", CommitSHA: "ffffffffffff"}},
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH5"},
		want: Verdict{Shipped: true, Source: "grep-subject", Rung: "direct", SHA: "aaaaaaa", Summary: "aaaaaaa AUTH5: real"},
	}, {
		// §3.5b: a phase in an open soak is not done yet, registry or stamp.
		name:  "open soak demotes a stamp",
		hist:  memHistory{{sha(0), "AUTH1: ship login", code, ""}},
		soaks: []Soak{{ID: "AUTH1-canary", Plan: "auth", Status: " In_Progress "}},
		q:     stamp.Query{Plan: "AUTH", Phase: "AUTH1"},
		want:  Verdict{Source: "none", Rung: "soak", Summary: "aaaaaaa AUTH1: ship login", DemotedSHA: "aaaaaaa"},
	}, {
		name:  "open soak demotes a registry row",
		hist:  memHistory{{sha(0), "chore: x", code, ""}},
		rows:  []RegistryRow{{Plan: "AUTH", Phase: "AUTH5", Status: "done", CommitSHA: sha(0)}},
		soaks: []Soak{{ID: "AUTH5", Plan: "AUTH", Status: "in_progress"}},
		q:     stamp.Query{Plan: "AUTH", Phase: "AUTH5"},
		want:  Verdict{Source: "none", Rung: "soak", DemotedSHA: "aaaaaaaaaaaa"},
	}, {
		name:  "a finished soak does not demote",
		hist:  memHistory{{sha(0), "AUTH1: ship login", code, ""}},
		soaks: []Soak{{ID: "AUTH1_x", Plan: "AUTH", Status: "done"}, {ID: "AUTH1", Plan: "OTHER", Status: "in_progress"}},
		q:     stamp.Query{Plan: "AUTH", Phase: "AUTH1"},
		want:  Verdict{Shipped: true, Source: "grep-subject", Rung: "direct", SHA: "aaaaaaa", Summary: "aaaaaaa AUTH1: ship login"},
	}, {
		// §3.3: the plan-id collision gate.
		name: "a row about another doc that reuses the id is not evidence",
		hist: memHistory{{sha(0), "chore: x", code, ""}},
		rows: []RegistryRow{{Plan: "AUTH", Phase: "AUTH5", Status: "done", CommitSHA: sha(0), DocPath: "old/auth-v1-plan.md"}},
		doc:  "docs/auth-plan.md",
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH5"},
		want: Verdict{Source: "none"},
	}, {
		name: "a row naming the owning doc counts",
		hist: memHistory{{sha(0), "chore: x", code, ""}},
		rows: []RegistryRow{{Plan: "AUTH", Phase: "AUTH5", Status: "done", CommitSHA: sha(0), DocPath: "Docs/Auth-Plan.md"}},
		doc:  "docs/auth-plan.md",
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH5"},
		want: Verdict{Shipped: true, Source: "registry", SHA: "aaaaaaaaaaaa"},
	}, {
		name: "a row whose commit edits only another plan doc is not evidence",
		hist: memHistory{{sha(0), "chore: x", []string{"docs/pay-plan.md", "src/p.go"}, ""}},
		rows: []RegistryRow{{Plan: "AUTH", Phase: "AUTH5", Status: "done", CommitSHA: sha(0)}},
		doc:  "docs/auth-plan.md",
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH5"},
		want: Verdict{Source: "none"},
	}, {
		name: "a row whose commit edits no plan doc is kept",
		hist: memHistory{{sha(0), "chore: x", code, ""}},
		rows: []RegistryRow{{Plan: "AUTH", Phase: "AUTH5", Status: "done", CommitSHA: sha(0)}},
		doc:  "docs/auth-plan.md",
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH5"},
		want: Verdict{Shipped: true, Source: "registry", SHA: "aaaaaaaaaaaa"},
	}, {
		name: "a failed registry row is ignored",
		hist: memHistory{{sha(0), "chore: x", code, ""}},
		rows: []RegistryRow{{Plan: "AUTH", Phase: "AUTH5", Status: "failed", CommitSHA: sha(0)}},
		q:    stamp.Query{Plan: "AUTH", Phase: "AUTH5"},
		want: Verdict{Source: "none"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Verify(c.q, Evidence{Rows: c.rows, Soaks: c.soaks, History: c.hist, ExpectedDoc: c.doc}, stamp.Generic(), c.policy)
			if err != nil {
				t.Fatal(err)
			}
			c.want.Plan, c.want.Phase = c.q.Plan, c.q.Phase
			if len(got.Refused) == 0 && got.DemotedSHA != "" {
				t.Errorf("a demoted answer lists no refusal: %+v", got)
			}
			got.Refused = nil // the log trail, checked above
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("\n got %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestLine(t *testing.T) {
	for _, c := range []struct {
		v    Verdict
		want string
	}{
		{Verdict{Plan: "AUTH", Phase: "AUTH1", Shipped: true, Source: "grep-subject", SHA: "e62f74d"}, "SHIPPED AUTH AUTH1 e62f74d (via grep-subject)"},
		{Verdict{Plan: "AUTH", Phase: "AUTH2", Source: "none"}, "NOT_SHIPPED AUTH AUTH2 (via none)"},
		{Verdict{Plan: "AUTH", Phase: "AUTH1", Source: "none", Rung: "empty-stamp", DemotedSHA: "abc1234"}, "NOT_SHIPPED AUTH AUTH1 (via empty-stamp)"},
	} {
		if got := c.v.Line(); got != c.want {
			t.Errorf("Line() = %q, want %q", got, c.want)
		}
	}
}

func TestBind(t *testing.T) {
	shipped := Verdict{Plan: "AUTH", Phase: "AUTH1", Shipped: true, Source: "grep-subject", Rung: "direct", SHA: "abc1234", Summary: "abc1234 AUTH1: x"}
	cases := []struct {
		name string
		in   Verdict
		b    Binding
		want Verdict
	}{
		{"no binding", shipped, Binding{}, shipped},
		{"acceptance passes", shipped, Binding{ExecConfigured: true, ExecRan: true, ExecName: "make"},
			Verdict{Plan: "AUTH", Phase: "AUTH1", Shipped: true, Source: "exec-attested", Rung: "direct", SHA: "abc1234",
				Summary: "abc1234 AUTH1: x `make` exited 0 — acceptance check passed"}},
		{"acceptance fails", shipped, Binding{ExecConfigured: true, ExecRan: true, ExecCode: 3, ExecName: "make"},
			Verdict{Plan: "AUTH", Phase: "AUTH1", Source: "none", Rung: "exec-refuted", Summary: "abc1234 AUTH1: x", DemotedSHA: "abc1234",
				Refused: []Refusal{{SHA: "abc1234", Rule: "exec-refuted"}}}},
		{"acceptance could not run: no signal", shipped, Binding{ExecConfigured: true, PreferArtifact: true}, shipped},
		{"prefer the artifact rung", shipped, Binding{PreferArtifact: true},
			Verdict{Plan: "AUTH", Phase: "AUTH1", Source: "none", Rung: "prefer-artifact", Summary: "abc1234 AUTH1: x", DemotedSHA: "abc1234",
				Refused: []Refusal{{SHA: "abc1234", Rule: "prefer-artifact"}}}},
		{"never promotes", Verdict{Plan: "AUTH", Phase: "AUTH2", Source: "none"}, Binding{ExecConfigured: true, ExecRan: true},
			Verdict{Plan: "AUTH", Phase: "AUTH2", Source: "none"}},
	}
	for _, c := range cases {
		if got := Bind(c.in, c.b); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %+v\nwant %+v", c.name, got, c.want)
		}
	}
}

func TestIgnored(t *testing.T) {
	for _, c := range []struct {
		file  string
		globs []string
		want  bool
	}{
		{"notes/today.md", []string{"notes/**"}, true},
		{"notes/a/b.md", []string{"notes"}, true},
		{"notes/a/b.md", []string{"./notes/"}, true},
		{"docs/x.md", []string{"**/*.md"}, true},
		{"src/notes/x.go", []string{"notes/**"}, false},
		{"README.md", []string{"*.go"}, false},
	} {
		if got := ignored(c.file, c.globs); got != c.want {
			t.Errorf("ignored(%q, %q) = %v, want %v", c.file, c.globs, got, c.want)
		}
	}
}

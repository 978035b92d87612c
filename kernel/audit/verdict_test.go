package audit

import (
	"slices"
	"strings"
	"testing"
)

// Spec verify-and-config §6, "Verdict".
func TestAudit(t *testing.T) {
	tests := []struct {
		name    string
		subject string
		files   []string
		delta   int
		docsOK  bool
		verdict Verdict
		witness Witness
		reason  string // a substring of the reason
	}{
		{"housekeeping abstains", "chore: bump", []string{"a.go"}, 0, false, Abstain, WitnessAbstain, `"chore" marks housekeeping`},
		{"no verb abstains", "init: empty", nil, 0, false, Abstain, WitnessAbstain, "no checkable claim"},
		{"empty doc", "docs: explain", nil, 0, false, Unwitnessed, WitnessSubjectOnly, "EMPTY (touched no files)"},
		{"doc with any file", "docs: explain", []string{"main.go"}, 0, false, OK, WitnessDiff, "1 file"},
		{"empty test", "add tests", nil, 0, false, Unwitnessed, WitnessSubjectOnly, "EMPTY"},
		{"test without test file", "add tests for lease", []string{"lease.go"}, 0, false, Unwitnessed, WitnessSubjectOnly, "no test file was touched (touched lease.go)"},
		{"test with test file", "add tests for lease", []string{"lease_test.go"}, 12, false, OK, WitnessDiff, "net +12"},
		{"deleting tests without a pass claim", "tests: drop flaky cases", []string{"lease_test.go"}, -30, false, OK, WitnessDiff, "net -30"},
		{"deleting assertions to pass", "make tests pass", []string{"lease_test.go"}, -30, false, Unwitnessed, WitnessSubjectOnly, "net-deletes 30 test line(s)"},
		{"moving tests to pass", "move helpers so all tests pass", []string{"a_test.go", "b_test.go"}, -3, false, OK, WitnessDiff, "2 test files"},
		{"pass claim growing tests", "fix the failing test", []string{"a_test.go"}, 2, false, OK, WitnessDiff, "net +2"},
		{"pass claim, zero delta", "tests green", []string{"a_test.go"}, 0, false, OK, WitnessDiff, "net +0"},
		{"code with source", "fix retry loop", []string{"README.md", "retry.go"}, 0, false, OK, WitnessDiff, "1 source file"},
		{"code on a test file only", "fix retry loop", []string{"retry_test.go"}, 0, false, OK, WitnessDiff, "source file"},
		{"ci scoped code", "ci: add a go job", []string{".github/workflows/go.yml"}, 0, false, OK, WitnessDiff, "ci-scoped"},
		{"unscoped code on ci file is data", "add a go job", []string{".github/workflows/go.yml"}, 0, false, OK, WitnessData, "1 data file"},
		{"code with data", "upgrade cobra", []string{"go.mod", "go.sum"}, 0, false, OK, WitnessData, "2 data files"},
		{"empty code", "implement the caching layer", nil, 0, false, Unwitnessed, WitnessSubjectOnly, "code-effect claim but the commit is EMPTY (touched no files)"},
		{"code on docs", "fix retry loop", []string{"README.md"}, 0, false, Unwitnessed, WitnessSubjectOnly, "only README.md"},
		{"code on docs, docs ok", "fix retry loop", []string{"README.md", "docs/a.rst"}, 0, true, OK, WitnessDiff, "--docs-ok"},
		{"code on docs and media, docs ok", "fix retry loop", []string{"README.md", "logo.png"}, 0, true, Unwitnessed, WitnessSubjectOnly, "only README.md, logo.png"},
		{"code on media lists four", "add icons", []string{"a.png", "b.png", "c.png", "d.png", "e.png", "f.png"}, 0, false, Unwitnessed, WitnessSubjectOnly, "only a.png, b.png, c.png, d.png (+2 more)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := Audit(Commit{SHA: "abc1234", Subject: tt.subject, Files: tt.files, TestLineDelta: tt.delta}, Options{DocsOK: tt.docsOK})
			if f.Verdict != tt.verdict || f.Witness != tt.witness || !strings.Contains(f.Reason, tt.reason) {
				t.Errorf("Audit(%q, %v) = %s %s %q, want %s %s containing %q",
					tt.subject, tt.files, f.Verdict, f.Witness, f.Reason, tt.verdict, tt.witness, tt.reason)
			}
			if f.SHA != "abc1234" || f.Subject != tt.subject {
				t.Errorf("finding lost its commit: %q %q", f.SHA, f.Subject)
			}
		})
	}
}

func TestAuditFileLists(t *testing.T) {
	f := Audit(Commit{Subject: "fix it", Files: []string{"a.go", "a_test.go", ".github/workflows/ci.yml", "go.sum", "README.md", "x.png"}}, Options{})
	check := func(name string, got, want []string) {
		if !slices.Equal(got, want) {
			t.Errorf("%s = %v, want %v", name, got, want)
		}
	}
	check("source", f.SourceFiles, []string{"a.go", "a_test.go"})
	check("test", f.TestFiles, []string{"a_test.go"})
	check("ci", f.CIFiles, []string{".github/workflows/ci.yml"})
	check("data", f.DataFiles, []string{".github/workflows/ci.yml", "go.sum"})
	check("doc", f.DocFiles, []string{"README.md"})

	empty := Audit(Commit{Subject: "fix it"}, Options{})
	for name, l := range map[string][]string{"source": empty.SourceFiles, "test": empty.TestFiles, "ci": empty.CIFiles, "data": empty.DataFiles, "doc": empty.DocFiles} {
		if l == nil {
			t.Errorf("%s files of an empty commit is nil, want an empty list", name)
		}
	}
}

func TestVerdictAndWitnessWords(t *testing.T) {
	for v, s := range map[Verdict]string{OK: "OK", Unwitnessed: "CLAIM_UNWITNESSED", Abstain: "ABSTAIN"} {
		if v.String() != s {
			t.Errorf("verdict %d = %q, want %q", int(v), v, s)
		}
	}
	for w, s := range map[Witness]string{WitnessDiff: "diff-witnessed", WitnessData: "data-witnessed", WitnessSubjectOnly: "subject-only", WitnessAbstain: "abstain"} {
		if w.String() != s {
			t.Errorf("witness %d = %q, want %q", int(w), w, s)
		}
	}
}

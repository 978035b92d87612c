package audit

import (
	"strings"
	"testing"
)

func TestLine(t *testing.T) {
	tests := []struct {
		f    Finding
		want string
	}{
		{finding("abc1234", "fix it"), "⚑ UNWITNESSED abc1234  [subject-only]  code-effect claim but the commit is EMPTY (touched no files)"},
		{finding("abc1234", "fix it", "a.go"), "✓ witnessed   abc1234  [diff-witnessed]  code-effect claim; the diff touches 1 source file"},
		{finding("abc1234", "wip"), `· abstain     abc1234  [abstain]  no checkable claim: "wip" marks housekeeping`},
	}
	for _, tt := range tests {
		if got := tt.f.Line(); got != tt.want {
			t.Errorf("Line() =\n%q\nwant\n%q", got, tt.want)
		}
	}
}

// MCP spec §4: the gloss's leading token is the contract.
func TestInterpretation(t *testing.T) {
	tests := []struct {
		f      Finding
		prefix string
		has    string
	}{
		{finding("c1", "fix it"), "CLAIM UNWITNESSED — ", "(code-effect claim but the commit is EMPTY (touched no files))"},
		{finding("c1", "fix it", "a.go"), "WITNESSED — ", "(rung: diff-witnessed)"},
		{finding("c1", "wip"), "NO CHECKABLE CLAIM — ", "c1"},
	}
	for _, tt := range tests {
		got := tt.f.Interpretation()
		if !strings.HasPrefix(got, tt.prefix) || !strings.Contains(got, tt.has) {
			t.Errorf("Interpretation() = %q, want prefix %q containing %q", got, tt.prefix, tt.has)
		}
	}
	if s := Summarize([]Finding{finding("c1", "fix it"), finding("c2", "fix it", "a.go")}); !strings.HasPrefix(s.Interpretation(), "CLAIM UNWITNESSED — 1 of 2") {
		t.Errorf("summary interpretation = %q", s.Interpretation())
	}
	if s := Summarize([]Finding{finding("c2", "fix it", "a.go"), finding("c3", "wip")}); !strings.HasPrefix(s.Interpretation(), "WITNESSED — all 1") {
		t.Errorf("summary interpretation = %q", s.Interpretation())
	}
}

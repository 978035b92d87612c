package audit

import (
	"slices"
	"strings"
	"testing"
)

func finding(sha, subject string, files ...string) Finding {
	return Audit(Commit{SHA: sha, Subject: subject, Files: files}, Options{})
}

func TestSummarize(t *testing.T) {
	fs := []Finding{
		finding("c1", "fix a", "a.go"),        // code_effect witnessed
		finding("c2", "fix b"),                // code_effect unwitnessed
		finding("c3", "add tests", "a.go"),    // test unwitnessed
		finding("c4", "docs: x", "README.md"), // doc witnessed
		finding("c5", "wip"),                  // abstain
		finding("c6", "add y", "y.go"),        // code_effect witnessed
	}
	s := Summarize(fs)
	if s.Commits != 6 || s.Checkable != 5 || s.Witnessed != 3 || s.Unwitnessed != 2 || s.Abstained != 1 {
		t.Errorf("counts = %+v", s)
	}
	if s.DriftRate != 0.4 {
		t.Errorf("DriftRate = %v, want 0.4", s.DriftRate)
	}
	if !slices.Equal(s.UnwitnessedSHAs, []string{"c2", "c3"}) {
		t.Errorf("UnwitnessedSHAs = %v", s.UnwitnessedSHAs)
	}
	want := map[ClaimKind]Tally{
		ClaimCodeEffect: {Unwitnessed: 1, Witnessed: 2},
		ClaimTest:       {Unwitnessed: 1},
		ClaimDoc:        {Witnessed: 1},
		ClaimNone:       {Abstain: 1},
	}
	for k, tl := range want {
		if s.ByKind[k] != tl {
			t.Errorf("ByKind[%s] = %+v, want %+v", k, s.ByKind[k], tl)
		}
	}
	block := s.Block("A..B")
	for _, sub := range []string{"sweep of A..B", "checkable    5", "UNWITNESSED  2", "DRIFT RATE (unwitnessed/checkable): 40.0%", "unwitnessed: c2 c3"} {
		if !strings.Contains(block, sub) {
			t.Errorf("block lacks %q:\n%s", sub, block)
		}
	}
}

// Spec: drift_rate is 0.0 when nothing is checkable.
func TestSummarizeNothingCheckable(t *testing.T) {
	for _, fs := range [][]Finding{nil, {finding("c1", "wip")}} {
		s := Summarize(fs)
		if s.DriftRate != 0 || s.Checkable != 0 || len(s.ByKind) != 4 || s.UnwitnessedSHAs == nil {
			t.Errorf("Summarize(%d abstentions) = %+v", len(fs), s)
		}
		if !strings.Contains(s.Interpretation(), "NO CHECKABLE CLAIM") {
			t.Errorf("interpretation = %q", s.Interpretation())
		}
	}
}

func TestBlockCapsSHAs(t *testing.T) {
	var fs []Finding
	for i := range 15 {
		fs = append(fs, finding(string(rune('a'+i)), "fix it"))
	}
	b := Summarize(fs).Block("x..y")
	if !strings.Contains(b, "unwitnessed: a b c d e f g h i j k l (+3 more)") {
		t.Errorf("block does not cap at 12:\n%s", b)
	}
}

package economics

import (
	"strings"
	"testing"
)

// Runs §12.4: the keep-gate ladder.
func TestClassifyCandidate(t *testing.T) {
	green := CandidateEvidence{SuitePassed: true, TruthClean: true}
	with := func(f func(*CandidateEvidence)) CandidateEvidence { e := green; f(&e); return e }
	armed := ImprovePolicy{MaxReverts: 3, EfficiencyFloor: 0.001, MinTokens: 1000}
	cases := []struct {
		name   string
		e      CandidateEvidence
		p      ImprovePolicy
		want   Candidate
		cause  RevertCause
		next   int64
		reason string
	}{
		{"red suite", with(func(e *CandidateEvidence) { e.SuitePassed = false; e.Work = 9 }), DefaultImprove, Revert, Regressed, 1, "RED"},
		{"dirty truth", with(func(e *CandidateEvidence) { e.TruthClean = false; e.Work = 9 }), DefaultImprove, Revert, Regressed, 1, "DIRTY"},
		{"regression escalates on the limit", with(func(e *CandidateEvidence) { e.SuitePassed = false; e.ConsecutiveReverts = 2 }), DefaultImprove, Escalate, Regressed, 3, "escalate to a human"},
		{"one under the limit reverts", with(func(e *CandidateEvidence) { e.Work, e.Baseline, e.ConsecutiveReverts = 5, 5, 1 }), DefaultImprove, Revert, NoImprovement, 2, "flat at 5"},
		{"a fall says so", with(func(e *CandidateEvidence) { e.Work, e.Baseline = 3, 5 }), DefaultImprove, Revert, NoImprovement, 1, "fell from 5 to 3"},
		{"a gain is kept", with(func(e *CandidateEvidence) { e.Work, e.Baseline, e.Tokens, e.ConsecutiveReverts = 6, 5, 50000, 2 }), DefaultImprove, Keep, NoCause, 0, "keep"},
		{"an overpriced gain is wasteful", with(func(e *CandidateEvidence) { e.Work, e.Baseline, e.Tokens = 6, 5, 50000 }), armed, Revert, WastefulGain, 1, "COSTLY"},
		{"the efficiency check reads the gain, not the metric", with(func(e *CandidateEvidence) { e.Work, e.Baseline, e.Tokens = 1005, 1000, 10000 }), armed, Revert, WastefulGain, 1, ""},
		{"a cheap gain is not judged on spend", with(func(e *CandidateEvidence) { e.Work, e.Baseline, e.Tokens = 6, 5, 999 }), armed, Keep, NoCause, 0, ""},
		{"max-reverts 1 escalates at once", with(func(e *CandidateEvidence) { e.Work, e.Baseline = 5, 5 }), ImprovePolicy{MaxReverts: 1, MinTokens: 1000}, Escalate, NoImprovement, 1, ""},
	}
	for _, c := range cases {
		v := ClassifyCandidate(c.e, c.p)
		if v.Verdict != c.want || v.Cause != c.cause || v.NextConsecutiveReverts != c.next || !strings.Contains(v.Reason, c.reason) {
			t.Errorf("%s: got %s cause %q next %d %q", c.name, v.Verdict, v.Cause, v.NextConsecutiveReverts, v.Reason)
		}
		if (v.Verdict == Escalate) != (v.Escalation == EscalateHuman) {
			t.Errorf("%s: escalation %s on %s", c.name, v.Escalation, v.Verdict)
		}
		if (v.Efficiency != nil) != (c.cause == WastefulGain || c.want == Keep) {
			t.Errorf("%s: efficiency check present=%v", c.name, v.Efficiency != nil)
		}
	}
	if (ImprovePolicy{MaxReverts: 0}).Validate() == nil {
		t.Error("max-reverts 0 accepted")
	}
}

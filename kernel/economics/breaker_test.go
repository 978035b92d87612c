package economics

import (
	"strings"
	"testing"
)

// Runs §12.3.
func TestClassifyBreaker(t *testing.T) {
	cases := []struct {
		c      Counts
		p      BreakerPolicy
		open   bool
		on     Tripped
		esc    Escalation
		reason string
	}{
		{Counts{2, 19}, DefaultBreaker, false, NotTripped, EscalateNone, "closed"},
		{Counts{3, 3}, DefaultBreaker, true, TrippedConsecutive, EscalateNone, "sustained"},
		{Counts{0, 20}, DefaultBreaker, true, TrippedTotal, EscalateNone, "flapping"},
		// Consecutive is checked first.
		{Counts{3, 20}, DefaultBreaker, true, TrippedConsecutive, EscalateNone, ""},
		{Counts{9, 9}, BreakerPolicy{MaxConsecutive: 0, MaxTotal: 10}, false, NotTripped, EscalateNone, "no limit in a row"},
		{Counts{0, 99}, BreakerPolicy{MaxConsecutive: 3, MaxTotal: 0}, false, NotTripped, EscalateNone, ""},
		{Counts{3, 3}, BreakerPolicy{MaxConsecutive: 3, OnTrip: EscalateHuman}, true, TrippedConsecutive, EscalateHuman, "escalate to HUMAN"},
		{Counts{0, 1}, BreakerPolicy{MaxTotal: 1, OnTrip: EscalateJudge}, true, TrippedTotal, EscalateJudge, "escalate to JUDGE"},
	}
	for _, c := range cases {
		v := ClassifyBreaker(c.c, c.p)
		if v.Open != c.open || v.TrippedOn != c.on || v.Escalation != c.esc || !strings.Contains(v.Reason, c.reason) {
			t.Errorf("%+v %+v: got %+v", c.c, c.p, v)
		}
		if !v.Open && strings.Contains(v.Reason, "escalate") {
			t.Errorf("a closed breaker names an escalation: %q", v.Reason)
		}
	}
	if v := ClassifyBreaker(Counts{3, 3}, DefaultBreaker); strings.Contains(v.Reason, "escalate") {
		t.Errorf("escalation NONE is not named: %q", v.Reason)
	}
}

func TestBreakerTransitions(t *testing.T) {
	c := Counts{}.Fail().Fail()
	if c != (Counts{2, 2}) {
		t.Fatalf("fail: %+v", c)
	}
	if c = c.Succeed(); c != (Counts{0, 2}) {
		t.Fatalf("success keeps the total: %+v", c)
	}
	if err := (BreakerPolicy{}).Validate(); err == nil {
		t.Fatal("both limits off accepted")
	}
	if err := (BreakerPolicy{MaxConsecutive: -1, MaxTotal: 2}).Validate(); err == nil {
		t.Fatal("negative limit accepted")
	}
	for _, s := range []string{"none", "judge", "human"} {
		if _, err := ParseEscalation(s); err != nil {
			t.Error(err)
		}
	}
	for _, s := range []string{"HUMAN", "Judge", ""} {
		if _, err := ParseEscalation(s); err == nil {
			t.Errorf("%q accepted: on-trip is exact lower case", s)
		}
	}
}

package reasons

import (
	"strings"
	"testing"
)

func TestBuiltinsOrderAndCategories(t *testing.T) {
	r := Default()
	all := r.All()
	first := []string{LaneDrained, LaneBlockedOnSoakGatedPhases, LaneLeaseHeldByLiveDispatchLoop, LaneAllInflightOrDeferred,
		LaneAllShippedInflightOrStale, LaneAllBlockedOrStaleStamp, LaneBlockedOnOperatorDecision, SelfModify, SchemaUnreadable, UnknownLane}
	for i, tok := range first {
		if all[i].Token != tok {
			t.Errorf("registry[%d] = %s, want %s", i, all[i].Token, tok)
		}
	}
	for _, s := range all {
		if _, err := ParseCategory(string(s.Category)); err != nil || s.Category == Unclassified {
			t.Errorf("%s has category %q", s.Token, s.Category)
		}
		if s.Summary == "" || s.Fix == "" || s.Token != Key(s.Token) {
			t.Errorf("%s: a built-in needs a summary, a fix and an upper-case token", s.Token)
		}
	}
	// every admission class the arbiter emits is registered.
	for _, tok := range []string{SameLaneHeld, ExclusiveLive, Overlap, ExactGlob, EmptyTree, SelfModify, UnknownLane, NoFreeLane, ClassBudgetExhausted, PredicateFailed, ScopeCreep, WrongTarget} {
		if _, ok := r.Lookup(tok); !ok {
			t.Errorf("%s is not registered", tok)
		}
	}
	if r.CategoryFor("SELF_MODIFY") != Misroute || r.CategoryFor("LANE_DRAINED") != TrueDrain {
		t.Error("categories of the reference's tokens changed")
	}
}

func TestLookupIsForgiving(t *testing.T) {
	r := Default()
	for _, tok := range []string{"lane_drained", " LANE_DRAINED ", "Lane_Drained\t"} {
		if _, ok := r.Lookup(tok); !ok {
			t.Errorf("Lookup(%q) missed", tok)
		}
	}
	if r.CategoryFor("NOPE") != Unclassified || !r.IsRefusal("NOPE") {
		t.Error("an unknown token must be UNCLASSIFIED and refuse")
	}
}

func TestDeclared(t *testing.T) {
	r, err := New([]Spec{
		{Token: "lane_parked_for_budget", Category: "operator_gate", Refusal: false, Summary: "parked"},
		{Token: "MY_OWN", Category: StaleClaim, Refusal: true},
	}, []Rule{})
	if err != nil {
		t.Fatal(err)
	}
	s, ok := r.Lookup("LANE_PARKED_FOR_BUDGET")
	if !ok || s.Category != OperatorGate || s.Refusal || r.IsRefusal("lane_parked_for_budget") {
		t.Errorf("declared advisory reason = %+v, %v", s, ok)
	}
	all := r.All()
	if all[len(all)-1].Token != "MY_OWN" || all[len(all)-2].Token != "LANE_PARKED_FOR_BUDGET" {
		t.Error("declared reasons must follow the built-ins in declaration order")
	}
	// declaring morphology (here: turning the rung off) kept both reasons.
	if c := r.Classify("SOMETHING_INFLIGHT"); c.Source != None {
		t.Errorf("empty rule list must disable the rung, got %+v", c)
	}
}

func TestDeclaredErrors(t *testing.T) {
	for name, c := range map[string]struct {
		specs []Spec
		rules []Rule
		want  string
	}{
		"empty token":   {[]Spec{{Token: " ", Category: Misroute}}, nil, "empty token"},
		"bad category":  {[]Spec{{Token: "X", Category: "WHATEVER"}}, nil, "unknown category"},
		"duplicate":     {[]Spec{{Token: "X", Category: Misroute}, {Token: "x", Category: Misroute}}, nil, "declared twice"},
		"built-in":      {[]Spec{{Token: "self_modify", Category: Misroute}}, nil, "re-declares a built-in"},
		"empty rule":    {nil, []Rule{{"", Misroute}}, "empty substring"},
		"bad rule kind": {nil, []Rule{{"X", "NOPE"}}, "unknown category"},
	} {
		if _, err := New(c.specs, c.rules); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", name, err, c.want)
		}
	}
}

func TestClassify(t *testing.T) {
	r := Default()
	cases := map[string]Classification{
		"lane_drained":                  {TrueDrain, Exact, ""},
		"LANE_INFLIGHT_OR_SOAK_GATED":   {StaleClaim, Morphological, "INFLIGHT"},
		"waiting_on_operator":           {OperatorGate, Morphological, "OPERATOR"},
		"queue_drained_early":           {TrueDrain, Morphological, "DRAINED"},
		"MISROUTED_FINDING_X":           {Misroute, Morphological, "MISROUTE"},
		"something else":                {Unclassified, None, ""},
		"phase_false_shipped_yesterday": {StaleClaim, Morphological, "FALSE_SHIPPED"},
	}
	for tok, want := range cases {
		if got := r.Classify(tok); got != want {
			t.Errorf("Classify(%q) = %+v, want %+v", tok, got, want)
		}
	}
	custom, err := New(nil, []Rule{{"budget", OperatorGate}})
	if err != nil {
		t.Fatal(err)
	}
	if got := custom.Classify("OVER_BUDGET"); got.Category != OperatorGate || got.Matched != "budget" {
		t.Errorf("declared rule: %+v", got)
	}
	if got := custom.Classify("X_INFLIGHT"); got.Source != None {
		t.Errorf("declared rules replace the defaults: %+v", got)
	}
}

func TestInterpret(t *testing.T) {
	for _, c := range []struct {
		known, refusal bool
		prefix         string
	}{{true, true, "VALID reason — a refusal"}, {true, false, "VALID reason — advisory-only"}, {false, true, "UNKNOWN reason"}} {
		if got := Interpret(c.known, c.refusal); !strings.HasPrefix(got, c.prefix) {
			t.Errorf("Interpret(%v, %v) = %q", c.known, c.refusal, got)
		}
	}
}

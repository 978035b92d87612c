package reasons

import "strings"

// Rule maps a substring of a free-form token to a category.
type Rule struct {
	Substring string
	Category  Category
}

// DefaultRules is the built-in substring rung, in match order. INFLIGHT is
// checked before SOAK and GATE: a token such as
// LANE_INFLIGHT_OR_SOAK_GATED is first of all a stale claim.
func DefaultRules() []Rule {
	return []Rule{
		{"FALSE_SHIPPED", StaleClaim}, {"FALSE_SHIP", StaleClaim},
		{"STALE_STAMP", StaleClaim}, {"STAMP_DRIFT", StaleClaim}, {"STAMPING_DRIFT", StaleClaim},
		{"INFLIGHT", StaleClaim}, {"IN_FLIGHT", StaleClaim},
		{"OPERATOR", OperatorGate}, {"SOAK", OperatorGate},
		{"LEASE_HELD", OperatorGate}, {"GATE", OperatorGate},
		{"DRAINED", TrueDrain}, {"DRAIN", TrueDrain}, {"NO_DISPATCHABLE", TrueDrain},
		{"MISROUTE", Misroute}, {"MIS_ROUT", Misroute},
	}
}

// Source says which rung of [Registry.Classify] answered.
type Source string

// The rungs.
const (
	Exact         Source = "exact"
	Morphological Source = "morphological"
	None          Source = "none"
)

// Classification is a free-form token mapped to a category.
type Classification struct {
	Category Category `json:"category"`
	Source   Source   `json:"cause_source"`
	// Matched is the substring that answered on the morphological rung.
	Matched string `json:"matched,omitempty"`
}

// Classify maps any token to a category: an exact registry hit, else the
// first morphology rule whose substring it contains (case-insensitive),
// else UNCLASSIFIED.
func (r *Registry) Classify(token string) Classification {
	if s, ok := r.Lookup(token); ok {
		return Classification{Category: s.Category, Source: Exact}
	}
	k := Key(token)
	for _, ru := range r.rules {
		if strings.Contains(k, strings.ToUpper(ru.Substring)) {
			return Classification{Category: ru.Category, Source: Morphological, Matched: ru.Substring}
		}
	}
	return Classification{Category: Unclassified, Source: None}
}

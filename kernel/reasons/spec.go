package reasons

import (
	"fmt"
	"slices"
	"strings"
)

// Category groups reasons by what an operator does about them.
type Category string

// The categories. Unclassified is what an unknown token maps to.
const (
	TrueDrain    Category = "TRUE_DRAIN"
	OperatorGate Category = "OPERATOR_GATE"
	StaleClaim   Category = "STALE_CLAIM"
	Misroute     Category = "MISROUTE"
	Unclassified Category = "UNCLASSIFIED"
)

// Categories lists every valid category in a stable order.
func Categories() []Category {
	return []Category{TrueDrain, OperatorGate, StaleClaim, Misroute, Unclassified}
}

// ParseCategory accepts a category name in any case.
func ParseCategory(s string) (Category, error) {
	c := Category(strings.ToUpper(strings.TrimSpace(s)))
	if slices.Contains(Categories(), c) {
		return c, nil
	}
	return "", fmt.Errorf("unknown category %q (want one of TRUE_DRAIN, OPERATOR_GATE, STALE_CLAIM, MISROUTE, UNCLASSIFIED)", s)
}

// Spec is one refusal reason. JSON names are the reference's.
type Spec struct {
	Token    string   `json:"token"`
	Category Category `json:"category"`
	// Refusal is false for an advisory-only reason.
	Refusal bool     `json:"refusal"`
	Summary string   `json:"summary"`
	Fix     string   `json:"fix"`
	SeeAlso []string `json:"see_also"`
}

// Key is the lookup form of a token: trimmed and upper-cased.
func Key(token string) string { return strings.ToUpper(strings.TrimSpace(token)) }

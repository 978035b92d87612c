package lint

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity ranks a finding. Errors and warnings gate a default run; with
// --strict only errors do; info never gates.
type Severity int

// The severities, most severe first.
const (
	Error Severity = iota
	Warn
	Info
)

// String is the severity word printed in findings.
func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warn:
		return "warn"
	case Info:
		return "info"
	}
	return fmt.Sprintf("Severity(%d)", int(s))
}

// MarshalText writes the severity word in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Kind names what a finding is about.
type Kind string

// The finding kinds.
const (
	// LaneWithoutTree: a concurrent or autopick lane has no tree, so it can
	// never be granted a write region.
	LaneWithoutTree Kind = "LANE_WITHOUT_TREE"
	// LaneBothConcurrentAndExclusive: a lane is listed as both.
	LaneBothConcurrentAndExclusive Kind = "LANE_BOTH_CONCURRENT_AND_EXCLUSIVE"
	// AutopickLaneUndeclared: an autopick entry is in neither lane list.
	AutopickLaneUndeclared Kind = "AUTOPICK_LANE_UNDECLARED"
	// AliasTargetUndeclared: an alias points at an undeclared lane.
	AliasTargetUndeclared Kind = "ALIAS_TARGET_UNDECLARED"
	// LaneRegionShadowed: a concurrent lane's tree lies wholly inside
	// another's, so it is dead whenever the other is held.
	LaneRegionShadowed Kind = "LANE_REGION_SHADOWED"
	// ConcurrentLanesOverlap: two concurrent lanes share part of a tree.
	ConcurrentLanesOverlap Kind = "CONCURRENT_LANES_OVERLAP"
	// ReasonSeeAlsoDangles: a reason's "lane <name>" pointer names an
	// undeclared lane.
	ReasonSeeAlsoDangles Kind = "REASON_SEE_ALSO_DANGLES"
	// PlanNumberDuplicate: two plan files share a number head.
	PlanNumberDuplicate Kind = "PLAN_NUMBER_DUPLICATE"
	// StampStyleUnknown: [stamp] style names a grammar dos does not have.
	StampStyleUnknown Kind = "STAMP_STYLE_UNKNOWN"
	// VerifyOracleUnknown: [verify] non_git_oracle names a driver this
	// build does not have, so verify is not bound by it.
	VerifyOracleUnknown Kind = "VERIFY_ORACLE_UNKNOWN"
	// PreferArtifactRefusesAll: prefer_artifact_rung is on with no
	// acceptance command, so every ship resting on a commit subject is
	// refused.
	PreferArtifactRefusesAll Kind = "PREFER_ARTIFACT_REFUSES_ALL"
	// OverlapPolicyUnknown: [overlap] policy names a scorer dos does not have.
	OverlapPolicyUnknown Kind = "OVERLAP_POLICY_UNKNOWN"
	// PlanSourceUnknown: [plan] source names a plan source dos does not have.
	PlanSourceUnknown Kind = "PLAN_SOURCE_UNKNOWN"
	// UnknownTable: dos.toml has a top-level name dos does not know.
	UnknownTable Kind = "UNKNOWN_TABLE"
	// TableNotUsed: dos.toml has a table of the schema that this version
	// accepts but does not read yet.
	TableNotUsed Kind = "TABLE_NOT_USED"
	// ConfigUnreadable: dos.toml could not be parsed (or read, or is over
	// the size bounds), so every verb runs on the built-in defaults.
	ConfigUnreadable Kind = "CONFIG_UNREADABLE"
	// TableMalformed: one table of dos.toml could not be read, so its
	// defaults are in force.
	TableMalformed Kind = "TABLE_MALFORMED"
	// TreeOutsideRepository: a lane's tree names a place outside the
	// repository (lexically or through a symbolic link); the lane cannot
	// be granted.
	TreeOutsideRepository Kind = "TREE_OUTSIDE_REPOSITORY"
	// TreeThroughLink: a lane's tree goes through a symbolic link inside
	// the repository; admission compares the place it leads to.
	TreeThroughLink Kind = "TREE_THROUGH_LINK"
	// LaneNamesDifferInCase: two lanes' names differ only in case (or
	// case folding); lane names match exactly, so they are easy to
	// confuse.
	LaneNamesDifferInCase Kind = "LANE_NAMES_DIFFER_IN_CASE"
)

// Finding is one problem in the configuration.
type Finding struct {
	Severity Severity `json:"severity"`
	Kind     Kind     `json:"kind"`
	Subject  string   `json:"subject"`
	Detail   string   `json:"detail"`
	Fix      string   `json:"fix"`
}

// Line renders f as one line:
// [<severity>] <KIND> '<subject>': <detail> — <fix>.
func (f Finding) Line() string {
	return fmt.Sprintf("[%s] %s '%s': %s — %s", f.Severity, f.Kind, f.Subject, f.Detail, f.Fix)
}

// Sort orders findings by severity (errors first), then kind, then subject.
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Severity, b.Severity), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Subject, b.Subject))
	})
}

// Counts tallies findings per severity word, with every word present.
func Counts(fs []Finding) map[string]int {
	c := map[string]int{"error": 0, "warn": 0, "info": 0}
	for _, f := range fs {
		c[f.Severity.String()]++
	}
	return c
}

// Gating reports whether fs fail a run: any error or warning by default,
// only errors when strict. Info never gates.
func Gating(fs []Finding, strict bool) bool {
	for _, f := range fs {
		if f.Severity == Error || (f.Severity == Warn && !strict) {
			return true
		}
	}
	return false
}

package reasons

// The tokens dos itself emits. The first ten are the reference's registry;
// the rest are the typed classes of lane admission and the scope gate.
const (
	LaneDrained                     = "LANE_DRAINED"
	LaneBlockedOnSoakGatedPhases    = "LANE_BLOCKED_ON_SOAK_GATED_PHASES"
	LaneLeaseHeldByLiveDispatchLoop = "LANE_LEASE_HELD_BY_LIVE_DISPATCH_LOOP"
	LaneAllInflightOrDeferred       = "LANE_ALL_INFLIGHT_OR_DEFERRED"
	LaneAllShippedInflightOrStale   = "LANE_ALL_SHIPPED_INFLIGHT_OR_STALE_STAMP"
	LaneAllBlockedOrStaleStamp      = "LANE_ALL_BLOCKED_OR_STALE_STAMP"
	LaneBlockedOnOperatorDecision   = "LANE_BLOCKED_ON_OPERATOR_DECISION"
	SelfModify                      = "SELF_MODIFY"
	SchemaUnreadable                = "SCHEMA_UNREADABLE"
	UnknownLane                     = "UNKNOWN_LANE"

	SameLaneHeld         = "SAME_LANE_HELD"
	ExclusiveLive        = "EXCLUSIVE_LIVE"
	Overlap              = "OVERLAP"
	ExactGlob            = "EXACT_GLOB"
	EmptyTree            = "EMPTY_TREE"
	NoFreeLane           = "NO_FREE_LANE"
	ClassBudgetExhausted = "CLASS_BUDGET_EXHAUSTED"
	PredicateFailed      = "PREDICATE_FAILED"
	ScopeCreep           = "SCOPE_CREEP"
	WrongTarget          = "WRONG_TARGET"
)

var seeArbitrate = []string{"dos arbitrate", "dos lease-lane live"}

// builtins is the registry order; never changed after init.
var builtins = []Spec{
	{LaneDrained, TrueDrain, true, "the lane's backlog is drained: nothing left to pick",
		"add work to the lane's plan or retire the lane", nil},
	{LaneBlockedOnSoakGatedPhases, OperatorGate, true, "every remaining phase waits on a soak gate",
		"let the soak finish or have an operator close the gate", nil},
	{LaneLeaseHeldByLiveDispatchLoop, OperatorGate, true, "another live loop holds this lane's lease",
		"wait for it to release, or pick a free lane", seeArbitrate},
	{LaneAllInflightOrDeferred, StaleClaim, true, "every remaining phase is claimed in flight or deferred",
		"reap stale claims or wait for the in-flight work", nil},
	{LaneAllShippedInflightOrStale, StaleClaim, true, "remaining phases are shipped-but-unstamped, in flight or stale-stamped",
		"reconcile the stamps with git (dos verify)", []string{"dos verify"}},
	{LaneAllBlockedOrStaleStamp, OperatorGate, true, "every remaining phase is blocked or its stamp drifted",
		"unblock the phases or fix the stamps", nil},
	{LaneBlockedOnOperatorDecision, OperatorGate, true, "the lane waits on an unanswered operator decision",
		"answer the pending decision", nil},
	{SelfModify, Misroute, true, "the lane's tree covers the orchestrator's own protected code",
		"narrow the tree or edit [self_modify] protect in dos.toml by hand", nil},
	{SchemaUnreadable, Misroute, true, "a durable record's schema is newer than this dos understands",
		"upgrade dos", []string{"dos version"}},
	{UnknownLane, Misroute, true, "the named lane is not in this workspace's taxonomy",
		"use one of the known lanes or declare it under [lanes] in dos.toml", []string{"dos man lane"}},

	{SameLaneHeld, OperatorGate, true, "the requested lane is already held by a live lease",
		"wait for the holder to release, or take another lane", seeArbitrate},
	{ExclusiveLive, OperatorGate, true, "an exclusive lane is involved: it must run alone",
		"wait for the live leases (or the exclusive one) to finish", seeArbitrate},
	{Overlap, OperatorGate, true, "the requested tree shares write prefixes with a live lease",
		"take a lane with a disjoint tree or wait", seeArbitrate},
	{ExactGlob, OperatorGate, true, "the requested tree claims a glob a live lease claims too",
		"take a lane with a disjoint tree or wait", seeArbitrate},
	{EmptyTree, Misroute, true, "the lane declares no tree: its blast radius is unknown",
		"declare the lane's tree under [lanes.trees] in dos.toml", []string{"dos man lane"}},
	{NoFreeLane, OperatorGate, true, "no lane on the auto-pick ladder is free",
		"wait for a lease to be released, then ask again", seeArbitrate},
	{ClassBudgetExhausted, OperatorGate, true, "the lane kind's concurrency budget is used up",
		"wait for a lease of that kind to finish", nil},
	{PredicateFailed, Misroute, true, "an admission predicate failed; admission refused fail-closed",
		"report the failure; it is a bug", nil},
	{ScopeCreep, Misroute, true, "the change touches files outside the lane's tree",
		"move the out-of-tree edits to their own lane", []string{"dos scope-gate"}},
	{WrongTarget, Misroute, true, "the change lies wholly outside the lane's tree, or the lane has none",
		"run the change under the lane that owns those files", []string{"dos scope-gate"}},
}

// Builtins returns a copy of the built-in reasons in registry order.
func Builtins() []Spec {
	out := make([]Spec, len(builtins))
	copy(out, builtins)
	return out
}

// Package admission decides whether a lane may be granted: the pure
// arbitrate step (state in, decision out, nothing written), the admission
// predicates it sweeps over the live leases, and the scope gate that asks
// whether a proposed change stays inside a lane's tree.
//
// [Arbitrate] takes the request, the live leases (already filtered for
// expiry by the caller), the lane taxonomy and the policy, and returns a
// [Decision] whose JSON is the reference's arbitrate output plus typed
// fields (reason_class, requested_*). Callers that persist the grant
// (lease-lane acquire) must journal it durably before showing the decision.
//
// Differences from the reference, all on the safe side: aliases resolve to
// their lane before any rule runs; an unknown lane is refused UNKNOWN_LANE
// whatever the kind; a live lease is exclusive when its kind or its lane is
// a declared exclusive lane or "global"; the overlap ratio defaults to 0
// (any shared prefix refuses); a refusal carries the real predicate's
// class rather than "held"; a holder's own leases never block it; lane
// names match exactly where the reference case-folded them; a busy or
// refused named lane is refused with the free lanes of its cluster instead
// of being swapped for one (the swap needs Request.Auto); a tree with an
// entry outside the repository is never granted.
package admission

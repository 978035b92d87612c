package hook

import (
	"fmt"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
)

// RungApplyGate is the opt-in apply gate (DOS_APPLY_GATE).
const RungApplyGate Rung = "apply-gate"

// LeaseStoreUnavailable is the class of a call refused because the live
// leases could not be read (a fleet's lease store did not answer).
const LeaseStoreUnavailable = "LEASE_STORE_UNAVAILABLE"

// ApplyGate is the apply gate's input. The gate runs on a call that
// writes known paths inside the checkout, for an agent that names the
// lease it writes under (Claim) or holds one (its own live lease).
type ApplyGate struct {
	// Claim is the lease the agent says it writes under
	// ($DOS_LEASE_GENERATION, and $DOS_LEASE_LANE when set); a zero
	// generation names none, and the agent's own live lease is used.
	Claim admission.FenceClaim
	// ClaimError says why the claim could not be read (a malformed
	// $DOS_LEASE_GENERATION); the call is then refused.
	ClaimError string
	// Held are the live leases with their fencing generations.
	Held []admission.Held
	// LaneTrees are the lane trees of dos.toml; a lane not declared
	// there is checked against its lease's recorded tree.
	LaneTrees map[string][]string
}

// applyGate checks a writing call against the lease it is made under:
// the lease must still be live at its generation with no newer lease
// overlapping it (admission.CheckFence), and every target must lie in
// its lane's tree (admission.ScopeGate). It returns the decision and the
// lease the write is made under, which the collision sweep then skips;
// nil when the gate does not run (no claim and no lease of the agent's
// own) or refuses.
func applyGate(g *ApplyGate, self Self, targets []string, tool string, loop bool) (Decision, *lease.Lease) {
	if g.ClaimError != "" {
		return gateRefusal(admission.Fenced, g.ClaimError, "", tool, loop), nil
	}
	c := g.Claim
	if c.Generation == 0 {
		for _, h := range g.Held {
			if self.owns(h.Lease) {
				c = admission.FenceClaim{Lane: h.Lease.Lane, Generation: h.Generation}
				break
			}
		}
		if c.Generation == 0 {
			return Allowed, nil
		}
	}
	f := admission.CheckFence(c, g.Held)
	if !f.Allowed {
		return gateRefusal(admission.Fenced, f.Reason, f.Lane, tool, loop), nil
	}
	var under *lease.Lease
	for _, h := range g.Held {
		if h.Generation == f.Generation && h.Lease.Lane == f.Lane {
			l := h.Lease
			under = &l
		}
	}
	laneTree, declared := g.LaneTrees[f.Lane]
	if !declared && under != nil {
		laneTree = under.Tree
	}
	sg := admission.ScopeGate(f.Lane, laneTree, targets, nil)
	if !sg.Allowed {
		return gateRefusal(sg.Scope.Verdict, sg.Reason, f.Lane, tool, loop), nil
	}
	return Allowed, under
}

// gateRefusal renders an apply-gate refusal: a deny in loop mode, a
// warning in an operator session.
func gateRefusal(class, why, lane, tool string, loop bool) Decision {
	held := ""
	if lane != "" {
		held = fmt.Sprintf(" (held lane: %s)", lane)
	}
	if loop {
		return Decision{Action: Deny, Class: class, Rung: RungApplyGate,
			Reason: fmt.Sprintf("dos apply gate refused this %s call (%s): %s%s. Stop writing under this lease; take the lane again and redo the change.", tool, class, why, held)}
	}
	msg := fmt.Sprintf("dos apply gate (advisory, operator session): this %s call would be refused in a loop session (%s): %s%s.", tool, class, why, held)
	return Decision{Action: Warn, Class: class, Rung: RungApplyGate, Reason: msg, Context: msg}
}

// storeDown renders a call that may write when the live leases could not
// be read: no collision can be ruled out, so a loop is refused and an
// operator warned.
func storeDown(why, tool string, loop bool) Decision {
	if loop {
		return Decision{Action: Deny, Class: LeaseStoreUnavailable, Rung: RungAdmission,
			Reason: fmt.Sprintf("dos refused this %s call: the live leases could not be read (%s), so no collision with another agent can be ruled out. Retry once the lease store answers (dos doctor shows its health).", tool, why)}
	}
	msg := fmt.Sprintf("dos (advisory, operator session): the live leases could not be read (%s); this %s call was not checked against other agents' lanes.", why, tool)
	return Decision{Action: Warn, Class: LeaseStoreUnavailable, Rung: RungAdmission, Reason: msg, Context: msg}
}

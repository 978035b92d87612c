package hook

import (
	"fmt"
	"strings"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/reasons"
	"github.com/dispatchos/dos/kernel/tree"
)

// Self identifies the agent asking, so its own lease never blocks it.
type Self struct {
	// Session is the event's session key; a lease held under it is ours.
	Session string
	// RunID is $CID_RUN_ID or $DISPATCH_RUN_ID; a lease with this run id
	// (or holder) is ours.
	RunID string
}

// owns reports whether l is the asking agent's own lease.
func (s Self) owns(l lease.Lease) bool {
	if s.Session != "" && l.Holder == s.Session {
		return true
	}
	return s.RunID != "" && (l.RunID == s.RunID || l.Holder == s.RunID)
}

// PreInput is everything pretool decides from.
type PreInput struct {
	Event Event
	Place Place
	// Protected are absolute slash globs agents may never write.
	Protected []string
	// Leases are the live leases (expiry already applied).
	Leases []lease.Lease
	Self   Self
	// Loop is true in a loop session (DOS_LOOP, CID_RUN_ID or
	// DISPATCH_LOOP_TS set): a collision is denied instead of surfaced.
	Loop bool
	// RatioMax is the [overlap] ratio_max (0: any shared prefix collides).
	RatioMax float64
	// LeaseError, when set, says why the live leases could not be read (a
	// fleet's lease store did not answer): a call that may write is then
	// refused in a loop session and warned about in an operator session.
	LeaseError string
	// ApplyGate, when set, turns on the apply gate (DOS_APPLY_GATE).
	ApplyGate *ApplyGate
}

// PreOutcome is the pretool decision with the facts behind it.
type PreOutcome struct {
	Decision Decision
	// Tree is the call's targets inside the checkout, relative to it.
	Tree []string
	// Known is false when the call may write somewhere no target names.
	Known bool
	// Hits names the protected targets of a SELF_MODIFY deny.
	Hits []string
	// Lease is the live lease behind a collision or an advisory.
	Lease *lease.Lease
}

// Pretool decides a proposed tool call.
func Pretool(in PreInput) PreOutcome {
	ev := in.Event
	if ev.Tool == "" {
		return PreOutcome{Decision: Allowed, Known: true}
	}
	fp := FootprintOf(ev)
	out := PreOutcome{Known: fp.Known}
	pl := in.Place
	for _, t := range fp.targets {
		abs, ok := pl.Resolve(t.joined())
		if !ok {
			out.Known = false
			continue
		}
		for _, p := range in.Protected {
			if hitsPattern(abs, t.subtree, p) {
				out.Hits = appendOnce(out.Hits, pl.display(abs))
				break
			}
		}
		if rel, inside := pl.Rel(abs); inside {
			out.Tree = appendOnce(out.Tree, rel)
		}
	}
	tool := ev.HostTool
	if tool == "" {
		tool = string(ev.Tool)
	}
	if len(out.Hits) > 0 {
		out.Decision = Decision{Action: Deny, Class: reasons.SelfModify, Rung: RungAdmission,
			Reason: fmt.Sprintf("dos refused this %s call: it would write %s, which dos protects from agent writes (SELF_MODIFY): "+
				"the referee's own configuration, state and hook wiring. There is no override from inside the session; "+
				"if the change is needed, the operator makes it.", tool, firstFew(out.Hits, 3))}
		return out
	}
	if in.LeaseError != "" && (len(out.Tree) > 0 || !out.Known) {
		out.Decision = storeDown(in.LeaseError, tool, in.Loop)
		return out
	}
	var under *lease.Lease // the lease the apply gate let this write through under
	if in.ApplyGate != nil && out.Known && len(out.Tree) > 0 {
		d, l := applyGate(in.ApplyGate, in.Self, out.Tree, tool, in.Loop)
		if d.Action != Allow {
			out.Decision = d
			return out
		}
		under = l
	}
	var others []lease.Lease
	for _, l := range in.Leases {
		if under != nil && l.ID() == under.ID() && l.Holder == under.Holder {
			continue
		}
		if !in.Self.owns(l) && tree.Known(l.Tree) {
			others = append(others, l)
		}
	}
	if len(others) == 0 {
		out.Decision = Allowed
		return out
	}
	if len(out.Tree) > 0 {
		cand := admission.Candidate{Lane: tool, Tree: out.Tree}
		for i := range others {
			l := others[i]
			v := admission.Disjointness(cand, l, admission.Policy{RatioMax: in.RatioMax})
			if v.Admit {
				continue
			}
			out.Lease = &l
			out.Decision = collision(v, l, in.Loop)
			return out
		}
	}
	if !out.Known {
		l := others[0]
		out.Lease = &l
		out.Decision = Decision{Action: Warn, Class: reasons.EmptyTree, Rung: RungAdmission,
			Context: fmt.Sprintf("dos (advisory): dos cannot tell where this %s call writes, and lane '%s' is held by %s. "+
				"Nothing proves a collision, so it may proceed; if it changes files, keep it to your own lane.",
				tool, l.Lane, holderName(l))}
		out.Decision.Reason = out.Decision.Context
	}
	if out.Decision.Action == Allow {
		out.Decision = Allowed
	}
	return out
}

// collision renders an admission refusal for the hook: a deny in loop
// mode, a warning in an operator session.
func collision(v admission.Verdict, l lease.Lease, loop bool) Decision {
	held := fmt.Sprintf("lane '%s' is held by %s", l.Lane, holderName(l))
	if loop {
		return Decision{Action: Deny, Class: v.ReasonClass, Rung: RungAdmission,
			Reason: fmt.Sprintf("dos refused this call (%s): %s. %s Work inside your own lane, or wait until that lease is released.",
				v.ReasonClass, held, v.Reason)}
	}
	msg := fmt.Sprintf("dos (advisory, operator session): this call collides with a live lease (%s): %s. %s "+
		"In a loop session it would be refused; here you own the blast radius.", v.ReasonClass, held, v.Reason)
	return Decision{Action: Warn, Class: v.ReasonClass, Rung: RungAdmission, Reason: msg, Context: msg}
}

func holderName(l lease.Lease) string {
	if l.Holder != "" {
		return "'" + l.Holder + "'"
	}
	if l.RunID != "" {
		return "run " + l.RunID
	}
	return "another agent"
}

func appendOnce(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

func firstFew(xs []string, n int) string {
	if len(xs) <= n {
		return strings.Join(xs, ", ")
	}
	return strings.Join(xs[:n], ", ") + ", …"
}

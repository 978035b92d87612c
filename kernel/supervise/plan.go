package supervise

import (
	"fmt"
	"slices"

	"github.com/dispatchos/dos/kernel/liveness"
	"github.com/dispatchos/dos/kernel/tree"
)

// Disposition is what the plan tells one lane to do.
type Disposition int

// The dispositions. A lane whose worker advances gets no plan (the
// reference's HOLD is never emitted).
const (
	// Spawn: start a worker on a free lane.
	Spawn Disposition = iota + 1
	// Reap: release a dead worker's lease.
	Reap
	// Flag: tell an operator about a spinning or excess worker; do nothing.
	Flag
	// ProposeHalt: a worker has spun past the threshold; propose stopping it
	// (never enacted by dos: it is alive).
	ProposeHalt
)

// String returns the disposition word.
func (d Disposition) String() string {
	switch d {
	case Spawn:
		return "SPAWN"
	case Reap:
		return "REAP"
	case Flag:
		return "FLAG"
	case ProposeHalt:
		return "PROPOSE_HALT"
	}
	return fmt.Sprintf("Disposition(%d)", int(d))
}

// Outcome is the population verdict.
type Outcome int

// The outcomes.
const (
	// AtTarget: alive is the target (or the admissible ceiling); nothing to
	// spawn.
	AtTarget Outcome = iota + 1
	// Filling: under target with room; the plan spawns.
	Filling
	// TargetUnreachable: the roster cannot hold the target; it still fills
	// to what it can hold.
	TargetUnreachable
	// OverTarget: more alive than the target; the excess is flagged, never
	// reaped.
	OverTarget
)

// String returns the outcome word.
func (o Outcome) String() string {
	switch o {
	case AtTarget:
		return "AT_TARGET"
	case Filling:
		return "FILLING"
	case TargetUnreachable:
		return "TARGET_UNREACHABLE"
	case OverTarget:
		return "OVER_TARGET"
	}
	return fmt.Sprintf("Outcome(%d)", int(o))
}

// Lane is one lane of the roster with its worker's state.
type Lane struct {
	Name string
	// Tree is the globs the lane writes; empty or universal overlaps all.
	Tree      []string
	Exclusive bool
	// Repeatable marks a fungible auto-pick lane: each worker's own
	// admission narrows its claim, so it holds no fixed region and may run
	// more than one worker.
	Repeatable bool
	// Pending marks a spawn in flight whose lease is not in the journal
	// yet: alive-or-coming, never spawned again.
	Pending bool
	// State is the worker's liveness; 0 means the lane is free (no live
	// lease, or one that could not be judged).
	State liveness.Verdict
	// SpinAgeMS is how long a SPINNING worker has spun; nil when unknown.
	SpinAgeMS *int64
}

// Policy holds the supervisor's knobs ([supervise] in dos.toml).
type Policy struct {
	// Target is the number of live workers wanted.
	Target int
	// CountSpinningAsAlive counts a spinning worker toward alive (it holds
	// its lease either way).
	CountSpinningAsAlive bool
	// ReapStalled turns a dead worker into a REAP and refills its lane.
	ReapStalled bool
	// SpinHaltAfterMS proposes a halt for a worker spinning at least this
	// long; 0 is off.
	SpinHaltAfterMS int64
	// MaxConcurrency lets repeatable lanes hold this many workers; 0 is off.
	MaxConcurrency int
}

// DefaultPolicy is one worker, spinners counted alive, dead workers reaped.
func DefaultPolicy() Policy {
	return Policy{Target: 1, CountSpinningAsAlive: true, ReapStalled: true}
}

// Plan is one step for one lane.
type Plan struct {
	Disposition Disposition
	Lane        string
	Reason      string
}

// Decision is the supervisor's plan for one tick.
type Decision struct {
	Outcome Outcome
	Reason  string
	// Alive counts workers alive or coming; Admissible is how many the
	// roster could hold at once.
	Alive, Admissible int
	Spawn, Reap, Flag []Plan
	ProposedHalt      []Plan
}

// Admissible is how many workers the roster could hold at once: the size
// of a greedy, roster-order set of concurrent lanes whose trees are
// pairwise disjoint; 1 when no concurrent lane qualifies but an exclusive
// lane exists; raised to maxConcurrency (when set) if any lane is
// repeatable.
func Admissible(lanes []Lane, maxConcurrency int) int {
	var admitted [][]string
	for _, ln := range lanes {
		if ln.Exclusive {
			continue
		}
		if disjointFromAll(ln.Tree, admitted) {
			admitted = append(admitted, ln.Tree)
		}
	}
	n := len(admitted)
	if n == 0 {
		if slices.ContainsFunc(lanes, func(l Lane) bool { return l.Exclusive }) {
			return 1
		}
		return 0
	}
	if maxConcurrency > 0 && slices.ContainsFunc(lanes, func(l Lane) bool { return l.Repeatable }) {
		return max(n, maxConcurrency)
	}
	return n
}

func disjointFromAll(t []string, others [][]string) bool {
	for _, o := range others {
		if !tree.Disjoint(t, o) {
			return false
		}
	}
	return true
}

// Decide reconciles the roster toward p.Target. Per lane, in roster order:
// a pending lane is alive and holds its tree; a free lane is a spawn
// candidate; an advancing worker is alive and holds its tree (a repeatable
// lane holds none and stays a candidate); a spinning worker is always
// flagged, proposed for a halt once it has spun SpinHaltAfterMS, and is
// alive and holds its tree only with CountSpinningAsAlive, never a
// candidate; a stalled worker is reaped and its lane becomes a candidate
// in the same tick (with ReapStalled), never alive.
//
// Then spawn_needed = max(0, min(target, admissible) − alive) spawns are
// chosen: fixed-tree concurrent candidates first (each disjoint from every
// held tree and every tree chosen this tick), then repeatable lanes (one
// slot each, then round-robin, with no region check: the worker's own
// admission narrows its claim), then exclusive lanes (disjoint as above).
func Decide(lanes []Lane, p Policy) Decision {
	var d Decision
	var held [][]string
	var candidates []Lane
	for _, ln := range lanes {
		switch {
		case ln.Pending:
			d.Alive++
			held = append(held, ln.Tree)
		case ln.State == 0:
			candidates = append(candidates, ln)
		case ln.State == liveness.Advancing:
			d.Alive++
			if ln.Repeatable {
				candidates = append(candidates, ln)
			} else {
				held = append(held, ln.Tree)
			}
		case ln.State == liveness.Spinning:
			d.Flag = append(d.Flag, Plan{Flag, ln.Name, "SPINNING: alive but landing nothing; flagged, never reaped"})
			if p.SpinHaltAfterMS > 0 && ln.SpinAgeMS != nil && *ln.SpinAgeMS >= p.SpinHaltAfterMS {
				d.ProposedHalt = append(d.ProposedHalt, Plan{ProposeHalt, ln.Name,
					fmt.Sprintf("SPINNING for %d ms (spin_halt_after_ms %d): propose a halt; dos never stops a live worker itself", *ln.SpinAgeMS, p.SpinHaltAfterMS)})
			}
			if p.CountSpinningAsAlive {
				d.Alive++
				held = append(held, ln.Tree)
			}
		case ln.State == liveness.Stalled:
			if p.ReapStalled {
				d.Reap = append(d.Reap, Plan{Reap, ln.Name, "STALLED: no fresh heartbeat and no progress; release the lease, the lane refills"})
				candidates = append(candidates, ln)
			}
		}
	}
	d.Admissible = Admissible(lanes, p.MaxConcurrency)
	need := max(0, min(p.Target, d.Admissible)-d.Alive)
	d.Spawn = chooseSpawns(candidates, held, need, d, p)
	switch {
	case p.Target > d.Admissible:
		d.Outcome = TargetUnreachable
		d.Reason = fmt.Sprintf("target %d is more than the %d workers the roster can hold at once; declare more concurrent lanes with disjoint trees in dos.toml [lanes]", p.Target, d.Admissible)
	case d.Alive > p.Target:
		d.Outcome = OverTarget
		d.Reason = fmt.Sprintf("%d alive, more than the target of %d: the excess is flagged, never reaped (retiring a healthy worker is an operator's call)", d.Alive, p.Target)
		excess := d.Alive - p.Target
		for i := len(lanes) - 1; i >= 0 && excess > 0; i-- {
			if ln := lanes[i]; !ln.Pending && ln.State == liveness.Advancing {
				d.Flag = append(d.Flag, Plan{Flag, ln.Name, fmt.Sprintf("a healthy worker beyond the target of %d: flagged as excess", p.Target)})
				excess--
			}
		}
	case len(d.Spawn) > 0:
		d.Outcome = Filling
		d.Reason = fmt.Sprintf("%d alive, under the target of %d: spawn %d worker(s)", d.Alive, p.Target, len(d.Spawn))
	default:
		d.Outcome = AtTarget
		d.Reason = fmt.Sprintf("%d alive for a target of %d: nothing to spawn", d.Alive, min(p.Target, d.Admissible))
	}
	return d
}

// chooseSpawns picks up to need spawns from the candidates.
func chooseSpawns(candidates []Lane, held [][]string, need int, d Decision, p Policy) []Plan {
	// Fixed-tree concurrent lanes, then repeatable ones (free before held),
	// then exclusive lanes; stable within each group.
	rank := func(l Lane) int {
		switch {
		case l.Exclusive:
			return 3
		case l.Repeatable && l.State == liveness.Advancing:
			return 2
		case l.Repeatable:
			return 1
		}
		return 0
	}
	ordered := slices.Clone(candidates)
	slices.SortStableFunc(ordered, func(a, b Lane) int { return rank(a) - rank(b) })
	var out []Plan
	var chosen [][]string
	fixed := func(ln Lane) {
		if len(out) >= need || !disjointFromAll(ln.Tree, held) || !disjointFromAll(ln.Tree, chosen) {
			return
		}
		out = append(out, Plan{Spawn, ln.Name, fmt.Sprintf("free lane, %d alive of a target of %d (admissible %d): spawn a worker", d.Alive, p.Target, d.Admissible)})
		chosen = append(chosen, ln.Tree)
	}
	repeat := func(ln Lane) {
		out = append(out, Plan{Spawn, ln.Name, fmt.Sprintf("repeatable lane, %d alive of a target of %d (admissible %d, max_concurrency %d): spawn a worker; its admission narrows its claim", d.Alive, p.Target, d.Admissible, p.MaxConcurrency)})
	}
	var repeatable []Lane
	for _, ln := range ordered {
		if ln.Repeatable {
			repeatable = append(repeatable, ln)
		}
	}
	for _, ln := range ordered {
		if len(out) >= need {
			break
		}
		switch {
		case ln.Repeatable:
			repeat(ln)
		case !ln.Exclusive:
			fixed(ln)
		}
	}
	for i := 0; len(out) < need && len(repeatable) > 0; i++ {
		repeat(repeatable[i%len(repeatable)])
	}
	for _, ln := range ordered {
		if ln.Exclusive {
			fixed(ln)
		}
	}
	return out
}

package admission

import (
	"fmt"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/tree"
)

// Fenced is the verdict word of a write refused by its fencing generation.
const Fenced = "FENCED"

// Held is a live lease with its fencing generation: the file journal's
// fold counter, or the etcd key's create revision.
type Held struct {
	Lease      lease.Lease
	Generation int64
}

// FenceClaim is the lease a write says it is made under: the fencing
// generation its acquire answered, and the lane (empty: whichever lane
// the generation's lease is on, since no two grants share a generation).
type FenceClaim struct {
	Lane       string
	Generation int64
}

// Fence is the fencing check of one write.
type Fence struct {
	Allowed bool   `json:"allowed"`
	Reason  string `json:"reason"`
	// Lane and Generation repeat the claim.
	Lane       string `json:"lane"`
	Generation int64  `json:"generation"`
	// LiveGeneration is the generation of the lane's live lease now (0
	// when none is live).
	LiveGeneration int64 `json:"live_generation"`
	// By is the lease that fences the write off: the lane's new lease, or
	// a newer lease overlapping its tree; nil when allowed or when the
	// lane is simply not held.
	By *lease.Lease `json:"fenced_by,omitempty"`
}

// CheckFence decides whether a write made under c may still land, given
// the live leases: only while the lease c names is the lane's live one
// (same generation), and no live lease with a higher generation overlaps
// its tree (an operator's forced grant fences the older holder off). A
// lease released, expired or lost and re-taken fences every write made
// under it.
func CheckFence(c FenceClaim, live []Held) Fence {
	f := Fence{Lane: c.Lane, Generation: c.Generation}
	var mine, lane *Held
	if c.Lane == "" {
		for i := range live {
			if live[i].Generation == c.Generation {
				c.Lane = live[i].Lease.Lane
				f.Lane = c.Lane
				break
			}
		}
		if c.Lane == "" {
			f.Reason = fmt.Sprintf("no live lease has generation %d: the lease was released, expired or lost, and a write made under it must not land", c.Generation)
			return f
		}
	}
	for i := range live {
		h := &live[i]
		if h.Lease.Lane != c.Lane {
			continue
		}
		if h.Generation == c.Generation {
			mine = h
		}
		if lane == nil || h.Generation > lane.Generation {
			lane = h
		}
	}
	if lane != nil {
		f.LiveGeneration = lane.Generation
	}
	if mine == nil {
		if lane == nil {
			f.Reason = fmt.Sprintf("lane '%s' holds no live lease: the lease of generation %d was released or expired, and a write made under it must not land", c.Lane, c.Generation)
			return f
		}
		l := lane.Lease
		f.By = &l
		f.Reason = fmt.Sprintf("lane '%s' is held at generation %d by %s, not at generation %d: the lease this write was made under was lost, and the write must not land",
			c.Lane, lane.Generation, who(l), c.Generation)
		return f
	}
	f.LiveGeneration = mine.Generation
	if tree.Known(mine.Lease.Tree) {
		for i := range live {
			h := &live[i]
			if h.Generation <= mine.Generation || !tree.Known(h.Lease.Tree) || tree.Disjoint(mine.Lease.Tree, h.Lease.Tree) {
				continue
			}
			l := h.Lease
			f.By = &l
			f.Reason = fmt.Sprintf("lane '%s' (generation %d) overlaps the newer lease on lane '%s' (generation %d, %s): the newer lease fences this write off",
				c.Lane, mine.Generation, l.Lane, h.Generation, who(l))
			return f
		}
	}
	f.Allowed = true
	f.Reason = fmt.Sprintf("lane '%s' is live at generation %d and no newer lease overlaps it", c.Lane, mine.Generation)
	return f
}

// who names a lease's holder.
func who(l lease.Lease) string {
	switch {
	case l.Holder != "":
		return "'" + l.Holder + "'"
	case l.RunID != "":
		return "run " + l.RunID
	}
	return "another agent"
}

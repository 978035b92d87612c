package hook

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/hook"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/backend"
	"github.com/dispatchos/dos/state/store/filestore"
)

// leaseView is the live leases as the hook reads them: from the lane
// journal, or, when dos.toml's [fleet] names a shared store (etcd), from
// that store. A dos-hook built without the etcd tag cannot reach an etcd
// fleet, and then reads no leases and says so (Err).
type leaseView struct {
	// Held are the live leases (expiry applied) with their generations.
	Held []admission.Held
	// Err says why a fleet's leases could not be read.
	Err string
	// fleet is the open shared store; nil on the file journal or when it
	// could not be opened.
	fleet  store.Store
	shared bool
}

// live is the view's leases.
func (v *leaseView) live() []lease.Lease {
	out := make([]lease.Lease, len(v.Held))
	for i, h := range v.Held {
		out[i] = h.Lease
	}
	return out
}

// leases reads the live leases once per call.
func (c *call) leases(ctx context.Context, j *journal.Journal) *leaseView {
	if c.view != nil {
		return c.view
	}
	v := &leaseView{}
	c.view = v
	if f := c.ws.Config.Fleet; backend.Shared(f) {
		v.shared = true
		s, err := backend.Fleet(f, c.r.Getenv, leaselane.HostID(c.r.Getenv))
		if err == nil {
			v.fleet = s
			v.Held, err = s.Fences(ctx)
		}
		if err != nil {
			v.Err = err.Error()
			c.r.debugf("fleet leases unreadable: %v", err)
		}
		return v
	}
	held, err := (&filestore.Store{J: j, Expiry: lease.DefaultPolicy, Now: func() time.Time { return c.now }}).Fences(ctx)
	if err != nil {
		c.r.debugf("lane journal unreadable, no leases: %v", err)
		return v
	}
	v.Held = held
	return v
}

// closeLeases closes the fleet store, if one was opened.
func (c *call) closeLeases() {
	if c.view != nil && c.view.fleet != nil {
		c.view.fleet.Close()
	}
}

// gateOn reads DOS_APPLY_GATE: off when empty or 0, false, no or off.
func gateOn(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}

// applyGate is the apply gate's input when DOS_APPLY_GATE is on: the
// claim of $DOS_LEASE_GENERATION (and $DOS_LEASE_LANE), the live leases
// and the declared lane trees; nil when the gate is off.
func (c *call) applyGate(v *leaseView) *hook.ApplyGate {
	if !gateOn(c.r.Getenv("DOS_APPLY_GATE")) {
		return nil
	}
	trees, _ := leaselane.ResolveTrees(c.ws, c.ws.Config.Lanes.Trees)
	g := &hook.ApplyGate{Held: v.Held, LaneTrees: trees}
	if s := strings.TrimSpace(c.r.Getenv("DOS_LEASE_GENERATION")); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			g.ClaimError = fmt.Sprintf("$DOS_LEASE_GENERATION %q is not a fencing generation (lease-lane acquire answers one)", s)
		} else {
			g.Claim = admission.FenceClaim{Lane: strings.TrimSpace(c.r.Getenv("DOS_LEASE_LANE")), Generation: n}
		}
	}
	return g
}

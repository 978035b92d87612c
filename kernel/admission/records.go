package admission

import (
	"time"

	"github.com/dispatchos/dos/kernel/lease"
)

// Stamping is what a lease needs beyond the decision: who asks, from
// where, for how long, and the new lease's id (minted by the caller, since
// the kernel draws no randomness).
type Stamping struct {
	RunID      string
	LoopTS     string
	HostID     string
	PID        int
	TTLMinutes float64
	LeaseID    string
	Now        time.Time
}

// Records decides what an admission decision writes to the lane journal:
// a REFUSE record for a refusal, or the granted lease and its ACQUIRE
// record. live is the board the decision was made on (expired leases
// already scavenged), for the loop-stamp reuse of a re-acquire. The caller
// appends the record durably before it shows the decision to anyone.
func Records(d Decision, req Request, live []lease.Lease, s Stamping) (lease.Entry, *lease.Lease) {
	if !d.Granted() {
		return &lease.RefuseEntry{Op: lease.OpRefuse, Lane: req.Lane, LoopTS: s.LoopTS, HostID: s.HostID,
			RunID: s.RunID, Holder: req.Owner, Reason: d.Reason, ReasonClass: d.ReasonClass}, nil
	}
	l := lease.Lease{
		Lane: d.Lane, LaneKind: d.LaneKind, Tree: d.Tree, LoopTS: lease.ReuseLoopTS(s.LoopTS, d.Lane, req.Owner, live, s.Now),
		HostID: s.HostID, PID: s.PID, Holder: req.Owner, AcquiredAt: lease.FormatStamp(s.Now), RunID: s.RunID,
		TTLMinutes: s.TTLMinutes, LeaseID: s.LeaseID,
	}
	if l.Tree == nil {
		l.Tree = []string{}
	}
	return &lease.AcquireEntry{Op: lease.OpAcquire, Lane: l.Lane, LaneKind: l.LaneKind, Tree: l.Tree, LoopTS: l.LoopTS,
		HostID: l.HostID, PID: l.PID, TTLMinutes: l.TTLMinutes, Reason: "lane-lease:" + req.Owner,
		Lease: l, LeaseID: l.LeaseID}, &l
}

package lease

// Entry is one record an operation appends to the lane journal. The
// kernel decides it whole; state/journal only numbers it (seq and ts) and
// writes it as it is. Fields are declared in key order, so a record reads
// the same as the journal's sorted-key lines.
type Entry interface {
	// EntryOp is the record's op (ACQUIRE, REFUSE, ...).
	EntryOp() string
	// Stamp sets the record's seq and ts; the journal calls it once,
	// under its lock.
	Stamp(seq int64, ts string)
}

// AcquireEntry grants a lease.
type AcquireEntry struct {
	HostID     string   `json:"host_id"`
	Lane       string   `json:"lane"`
	LaneKind   string   `json:"lane_kind"`
	Lease      Lease    `json:"lease"`
	LeaseID    string   `json:"lease_id"`
	LoopTS     string   `json:"loop_ts"`
	Op         string   `json:"op"`
	PID        int      `json:"pid"`
	PrevHolder *string  `json:"prev_holder"`
	Reason     string   `json:"reason"`
	Seq        int64    `json:"seq"`
	Tree       []string `json:"tree"`
	TS         string   `json:"ts"`
	TTLMinutes float64  `json:"ttl_minutes"`
}

// RefuseEntry records a refused request.
type RefuseEntry struct {
	Holder      string `json:"holder"`
	HostID      string `json:"host_id"`
	Lane        string `json:"lane"`
	LoopTS      string `json:"loop_ts"`
	Op          string `json:"op"`
	Reason      string `json:"reason"`
	ReasonClass string `json:"reason_class"`
	RunID       string `json:"run_id"`
	Seq         int64  `json:"seq"`
	TS          string `json:"ts"`
}

// ScavengeEntry records an expired lease taken off the board.
type ScavengeEntry struct {
	HostID     string `json:"host_id"`
	Lane       string `json:"lane"`
	LoopTS     string `json:"loop_ts"`
	Op         string `json:"op"`
	PID        int    `json:"pid"`
	PrevHolder string `json:"prev_holder"`
	Reason     string `json:"reason"`
	Seq        int64  `json:"seq"`
	TS         string `json:"ts"`
}

// ReleaseEntry ends a lease.
type ReleaseEntry struct {
	Holder  string `json:"holder"`
	HostID  string `json:"host_id"`
	Lane    string `json:"lane"`
	LeaseID string `json:"lease_id"`
	LoopTS  string `json:"loop_ts"`
	Op      string `json:"op"`
	Reason  string `json:"reason"`
	Seq     int64  `json:"seq"`
	TS      string `json:"ts"`
}

// HeartbeatEntry refreshes a lease.
type HeartbeatEntry struct {
	HeartbeatAt string `json:"heartbeat_at"`
	HostID      string `json:"host_id"`
	Lane        string `json:"lane"`
	LeaseID     string `json:"lease_id"`
	LoopTS      string `json:"loop_ts"`
	Op          string `json:"op"`
	Seq         int64  `json:"seq"`
	TS          string `json:"ts"`
}

// EntryOp returns ACQUIRE.
func (e *AcquireEntry) EntryOp() string { return OpAcquire }

// EntryOp returns REFUSE.
func (e *RefuseEntry) EntryOp() string { return OpRefuse }

// EntryOp returns SCAVENGE.
func (e *ScavengeEntry) EntryOp() string { return OpScavenge }

// EntryOp returns RELEASE.
func (e *ReleaseEntry) EntryOp() string { return OpRelease }

// EntryOp returns HEARTBEAT.
func (e *HeartbeatEntry) EntryOp() string { return OpHeartbeat }

// Stamp sets seq and ts.
func (e *AcquireEntry) Stamp(seq int64, ts string) { e.Seq, e.TS = seq, ts }

// Stamp sets seq and ts.
func (e *RefuseEntry) Stamp(seq int64, ts string) { e.Seq, e.TS = seq, ts }

// Stamp sets seq and ts.
func (e *ScavengeEntry) Stamp(seq int64, ts string) { e.Seq, e.TS = seq, ts }

// Stamp sets seq and ts.
func (e *ReleaseEntry) Stamp(seq int64, ts string) { e.Seq, e.TS = seq, ts }

// Stamp sets seq and ts.
func (e *HeartbeatEntry) Stamp(seq int64, ts string) { e.Seq, e.TS = seq, ts }

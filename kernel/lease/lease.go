// Package lease holds the lease vocabulary shared by admission and the lane
// journal: a lease is a durable grant of a lane's tree to one holder.
// It is pure: no files, no clock; time comes in as values.
package lease

// Lease is one live grant, as journaled under "lease" in an ACQUIRE record
// and as printed by "lease-lane live". Field names are the on-disk format
// shared with the reference implementation.
type Lease struct {
	Lane        string   `json:"lane"`
	LaneKind    string   `json:"lane_kind"`
	Tree        []string `json:"tree"`
	LoopTS      string   `json:"loop_ts"`
	HostID      string   `json:"host_id,omitempty"`
	PID         int      `json:"pid,omitempty"`
	Holder      string   `json:"holder,omitempty"`
	AcquiredAt  string   `json:"acquired_at,omitempty"`
	HeartbeatAt string   `json:"heartbeat_at,omitempty"`
	RunID       string   `json:"run_id,omitempty"`
	TTLMinutes  float64  `json:"ttl_minutes,omitempty"`
	LeaseID     string   `json:"lease_id,omitempty"`
}

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

package lease

import "time"

// Scavenges decides the SCAVENGE records that take expired leases off the
// board: one each, reason "ttl-expired". Acquire, heartbeat and reap write
// them durably before they decide anything else.
func Scavenges(expired []Lease, hostID string) []Entry {
	out := make([]Entry, 0, len(expired))
	for _, l := range expired {
		out = append(out, &ScavengeEntry{Op: OpScavenge, Lane: l.Lane, LoopTS: l.LoopTS, HostID: hostID,
			PID: l.PID, PrevHolder: l.Holder, Reason: "ttl-expired"})
	}
	return out
}

// ReleaseOf decides the RELEASE of l, asked for by owner.
func ReleaseOf(l Lease, hostID, owner string) *ReleaseEntry {
	return &ReleaseEntry{Op: OpRelease, Lane: l.Lane, LoopTS: l.LoopTS, HostID: hostID,
		Holder: l.Holder, Reason: "lane-lease:" + owner, LeaseID: l.LeaseID}
}

// HeartbeatOf decides the HEARTBEAT that refreshes l at now.
func HeartbeatOf(l Lease, hostID string, now time.Time) *HeartbeatEntry {
	return &HeartbeatEntry{Op: OpHeartbeat, Lane: l.Lane, LoopTS: l.LoopTS, HostID: hostID,
		HeartbeatAt: FormatStamp(now), LeaseID: l.LeaseID}
}

// ReuseLoopTS is the loop stamp a new lease on lane for owner takes: the
// one asked for, else the stamp of the owner's live lease on that lane (a
// re-acquire refreshes the lease instead of doubling it), else now.
func ReuseLoopTS(asked, lane, owner string, live []Lease, now time.Time) string {
	if asked != "" {
		return asked
	}
	loop := FormatStamp(now)
	for _, l := range live {
		if l.Lane == lane && l.Holder == owner && owner != "" {
			loop = l.LoopTS
		}
	}
	return loop
}

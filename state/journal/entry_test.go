package journal

import (
	"encoding/json"
	"testing"

	"github.com/dispatchos/dos/kernel/lease"
)

// A kernel-decided entry is written exactly as the map the journal wrote
// before (same keys, same values, sorted), so the on-disk format stays the
// reference's.
func TestEntriesEncodeLikeTheFormat(t *testing.T) {
	l := lease.Lease{Lane: "src", LaneKind: "cluster", Tree: []string{"src/**"}, LoopTS: "2026-12-01T12:00:00Z",
		HostID: "h", PID: 7, Holder: "agent-A", AcquiredAt: "2026-12-01T12:00:00Z", TTLMinutes: 30, LeaseID: "L-1"}
	cases := []struct {
		e    lease.Entry
		want map[string]any
	}{
		{&lease.AcquireEntry{Op: lease.OpAcquire, Lane: l.Lane, LaneKind: l.LaneKind, Tree: l.Tree, LoopTS: l.LoopTS, HostID: l.HostID,
			PID: l.PID, TTLMinutes: l.TTLMinutes, Reason: "lane-lease:agent-A", Lease: l, LeaseID: l.LeaseID},
			map[string]any{"op": lease.OpAcquire, "lane": l.Lane, "lane_kind": l.LaneKind, "tree": l.Tree, "loop_ts": l.LoopTS,
				"host_id": l.HostID, "pid": l.PID, "ttl_minutes": l.TTLMinutes, "prev_holder": nil,
				"reason": "lane-lease:agent-A", "lease": l, "lease_id": l.LeaseID}},
		{&lease.RefuseEntry{Op: lease.OpRefuse, Lane: "src", LoopTS: "", HostID: "h", RunID: "R", Holder: "b", Reason: "busy", ReasonClass: "X"},
			map[string]any{"op": lease.OpRefuse, "lane": "src", "loop_ts": "", "host_id": "h", "run_id": "R", "holder": "b", "reason": "busy", "reason_class": "X"}},
		{lease.Scavenges([]lease.Lease{l}, "h")[0],
			map[string]any{"op": lease.OpScavenge, "lane": l.Lane, "loop_ts": l.LoopTS, "host_id": "h", "pid": l.PID, "prev_holder": l.Holder, "reason": "ttl-expired"}},
		{lease.ReleaseOf(l, "h", "agent-A"),
			map[string]any{"op": lease.OpRelease, "lane": l.Lane, "loop_ts": l.LoopTS, "host_id": "h", "holder": l.Holder, "reason": "lane-lease:agent-A", "lease_id": l.LeaseID}},
	}
	for _, c := range cases {
		c.e.Stamp(5, "2026-12-01T12:00:01Z")
		c.want["seq"], c.want["ts"] = 5, "2026-12-01T12:00:01Z"
		got, err := EncodeRecord(c.e)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := EncodeRecord(c.want)
		// the same bytes: keys in the same (sorted) order
		if string(got) != string(want) {
			t.Errorf("%s:\n got %s\nwant %s", c.e.EntryOp(), got, want)
		}
		var m map[string]any
		if err := json.Unmarshal(got, &m); err != nil {
			t.Fatal(err)
		}
	}
}

package lease

import (
	"testing"
	"time"
)

func TestDecidedEntries(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	l := Lease{Lane: "src", LoopTS: "2026-12-01T11:00:00Z", Holder: "agent-A", PID: 9, LeaseID: "L-1"}
	sc := Scavenges([]Lease{l, {Lane: "docs", Holder: "agent-B"}}, "h")
	if len(sc) != 2 {
		t.Fatalf("scavenges: %d", len(sc))
	}
	if e := sc[0].(*ScavengeEntry); e.EntryOp() != OpScavenge || e.PrevHolder != "agent-A" || e.Reason != "ttl-expired" || e.PID != 9 || e.HostID != "h" {
		t.Fatalf("scavenge: %#v", e)
	}
	if e := ReleaseOf(l, "h", "operator"); e.Holder != "agent-A" || e.Reason != "lane-lease:operator" || e.LeaseID != "L-1" {
		t.Fatalf("release: %#v", e)
	}
	if e := HeartbeatOf(l, "h", now); e.HeartbeatAt != "2026-12-01T12:00:00Z" || e.LeaseID != "L-1" || e.EntryOp() != OpHeartbeat {
		t.Fatalf("heartbeat: %#v", e)
	}
	var e Entry = ReleaseOf(l, "h", "x")
	e.Stamp(42, "2026-12-01T12:00:00Z")
	if r := e.(*ReleaseEntry); r.Seq != 42 || r.TS != "2026-12-01T12:00:00Z" {
		t.Fatalf("stamp: %#v", r)
	}
}

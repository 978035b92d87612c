package liveness

import (
	"testing"

	"github.com/dispatchos/dos/kernel/lease"
)

func rec(op, ts string) lease.Record {
	return lease.Record{Op: op, TS: ts, Lane: "api", LoopTS: "L1"}
}

// start 2026-01-01T00:00:00.500Z; now 2026-01-01T01:00:00Z.
const (
	startMS = int64(1767225600500)
	nowMS   = int64(1767229200000)
)

func fold(recs ...lease.Record) *JournalFold {
	f := NewJournalFold(lease.Identity{LoopTS: "L1", Lane: "api"}, startMS, nowMS)
	for _, r := range recs {
		f.Apply(r)
	}
	return f
}

func TestFoldBirthIsNotProgress(t *testing.T) {
	f := fold(rec(lease.OpAcquire, "2026-01-01T00:10:00Z"))
	if f.Events() != 0 {
		t.Fatalf("birth counted as progress: %d", f.Events())
	}
	if age := f.HeartbeatAgeMS(); age == nil || *age != 50*60*1000 {
		t.Fatalf("birth is a heartbeat: %v", age)
	}
	f = fold(rec(lease.OpAcquire, "2026-01-01T00:10:00Z"), rec(lease.OpRelease, "2026-01-01T00:20:00Z"), rec(lease.OpAcquire, "2026-01-01T00:30:00Z"))
	if f.Events() != 2 {
		t.Fatalf("events = %d, want 2", f.Events())
	}
	if p, ok := f.NewestProgressMS(); !ok || p != nowMS-30*60*1000 {
		t.Fatalf("newest progress = %d %v", p, ok)
	}
}

func TestFoldHeartbeatNeverProgress(t *testing.T) {
	f := fold(rec(lease.OpHeartbeat, "2026-01-01T00:59:00Z"), rec(lease.OpHalt, "2026-01-01T00:59:30Z"), rec(lease.OpRefuse, "2026-01-01T00:59:30Z"), rec(lease.OpSpawn, "2026-01-01T00:59:30Z"))
	if f.Events() != 0 || *f.HeartbeatAgeMS() != 60_000 {
		t.Fatalf("events %d age %v", f.Events(), *f.HeartbeatAgeMS())
	}
}

func TestFoldFutureBeatsDropped(t *testing.T) {
	// now + 1 s is credible, now + 1 s + 1 is not (second stamps: +1 s and +2 s).
	f := fold(rec(lease.OpHeartbeat, "2026-01-01T01:00:01Z"))
	if age := f.HeartbeatAgeMS(); age == nil || *age != 0 {
		t.Fatalf("beat at now+1s: %v", age)
	}
	f = fold(rec(lease.OpHeartbeat, "2026-01-01T00:40:00Z"), rec(lease.OpHeartbeat, "2026-01-01T01:00:02Z"))
	if age := f.HeartbeatAgeMS(); age == nil || *age != 20*60*1000 {
		t.Fatalf("a future beat was not dropped: %v", *age)
	}
	f = fold(rec(lease.OpHeartbeat, "2030-01-01T00:00:00Z"))
	if f.HeartbeatAgeMS() != nil {
		t.Fatal("only beat is future-dated: must read as never beat")
	}
	f = fold(rec(lease.OpAcquire, "2026-01-01T00:10:00Z"), rec(lease.OpRelease, "2026-01-01T01:00:02Z"))
	if f.Events() != 0 {
		t.Fatal("a future-dated event counted")
	}
}

func TestFoldEventsAfterStartSecond(t *testing.T) {
	// The start is floored to 00:00:00; an event at 00:00:00 is not after it, 00:00:01 is.
	f := fold(rec(lease.OpAcquire, "2025-12-31T23:00:00Z"), rec(lease.OpRelease, "2026-01-01T00:00:00Z"), rec(lease.OpScavenge, "2026-01-01T00:00:01Z"), rec(lease.OpReconcile, "2026-01-01T00:00:02Z"))
	if f.Events() != 2 {
		t.Fatalf("events = %d, want 2", f.Events())
	}
}

func TestFoldSkips(t *testing.T) {
	other := rec(lease.OpRelease, "2026-01-01T00:30:00Z")
	other.Lane = "web"
	nested := lease.Record{Op: lease.OpAcquire, TS: "2026-01-01T00:40:00Z", Lease: &lease.Lease{Lane: "api", LoopTS: "L1"}}
	noTime := lease.Record{Op: lease.OpHeartbeat, Lane: "api", LoopTS: "L1", TS: "yesterday"}
	hbAt := lease.Record{Op: lease.OpHeartbeat, Lane: "api", LoopTS: "L1", HeartbeatAt: "2026-01-01T00:50+00:00"}
	f := fold(rec(lease.OpAcquire, "2026-01-01T00:10:00Z"), other, lease.Record{Op: lease.OpCorrupt}, nested, noTime, hbAt)
	if f.Events() != 1 {
		t.Fatalf("events = %d, want the nested ACQUIRE only", f.Events())
	}
	if *f.HeartbeatAgeMS() != 10*60*1000 {
		t.Fatalf("heartbeat_at fallback (minute form with offset): %d", *f.HeartbeatAgeMS())
	}
	if f.Unreadable != 1 {
		t.Fatalf("unreadable = %d", f.Unreadable)
	}
}

func TestFoldNoRecords(t *testing.T) {
	f := fold()
	if f.Events() != 0 || f.HeartbeatAgeMS() != nil {
		t.Fatal("empty fold")
	}
}

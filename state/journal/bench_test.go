package journal

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
)

// writeHistory writes n records of a busy journal: acquires, heartbeats and
// releases over 8 lanes, in the writer's own format.
func writeHistory(tb testing.TB, path string, n int) {
	tb.Helper()
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	for i := 0; i < n; i++ {
		lane := fmt.Sprintf("lane-%d", i%8)
		loop := fmt.Sprintf("2026-01-01T00:%02d:%02dZ", (i/8/3/60)%60, (i/8/3)%60)
		var r map[string]any
		switch (i / 8) % 3 {
		case 0:
			l := lease.Lease{Lane: lane, LaneKind: "cluster", Tree: []string{lane + "/**"}, LoopTS: loop, HostID: "host",
				PID: 4000 + i, Holder: fmt.Sprintf("agent-%d", i%8), AcquiredAt: loop, TTLMinutes: 30, LeaseID: fmt.Sprintf("RID-%015d", i)}
			r = map[string]any{"op": "ACQUIRE", "lane": lane, "lane_kind": "cluster", "tree": l.Tree, "loop_ts": loop, "host_id": "host",
				"pid": l.PID, "ttl_minutes": 30, "prev_holder": nil, "reason": "lane-lease:" + l.Holder, "lease": l, "lease_id": l.LeaseID}
		case 1:
			r = map[string]any{"op": "HEARTBEAT", "lane": lane, "loop_ts": loop, "host_id": "host", "heartbeat_at": loop}
		default:
			r = map[string]any{"op": "RELEASE", "lane": lane, "loop_ts": loop, "host_id": "host", "reason": "lane-lease:x"}
		}
		r["seq"], r["ts"] = i+1, loop
		b, err := EncodeRecord(r)
		if err != nil {
			tb.Fatal(err)
		}
		f.Write(append(b, '\n'))
	}
}

// BenchmarkReplay100k folds a 100,000-record journal from scratch (no
// cache).
func BenchmarkReplay100k(b *testing.B) {
	p := filepath.Join(b.TempDir(), "j.jsonl")
	writeHistory(b, p, 100_000)
	j := &Journal{Path: p}
	b.ResetTimer()
	for b.Loop() {
		rp, err := j.Replay()
		if err != nil || rp.State.Records != 100_000 {
			b.Fatalf("%v %d", err, rp.State.Records)
		}
	}
}

// BenchmarkReplay100kCached folds the same journal from the fold cache
// plus a short tail, the way every acquire after the first one does.
func BenchmarkReplay100kCached(b *testing.B) {
	p := filepath.Join(b.TempDir(), "j.jsonl")
	writeHistory(b, p, 100_000)
	j := New(p)
	if _, err := j.replay(true); err != nil { // builds the cache, as a writer does
		b.Fatal(err)
	}
	f, _ := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"op":"ACQUIRE","lane":"tail","loop_ts":"T","seq":100001}` + "\n")
	f.Close()
	b.ResetTimer()
	for b.Loop() {
		rp, err := j.Replay()
		if err != nil || !rp.Cached || rp.State.MaxSeq != 100_001 {
			b.Fatalf("%v cached=%v", err, rp.Cached)
		}
	}
}

// BenchmarkAppend is one locked append: lock, fold (cached), write,
// fsync, unlock.
func BenchmarkAppend(b *testing.B) {
	j := New(filepath.Join(b.TempDir(), "j.jsonl"))
	ctx := context.Background()
	i := 0
	for b.Loop() {
		tx, err := j.Begin(ctx, time.Second, t0)
		if err != nil {
			b.Fatal(err)
		}
		lane := fmt.Sprintf("l%d", i%8)
		if _, err := tx.Append(acquire(lane, fmt.Sprint(i), "h")); err != nil {
			b.Fatal(err)
		}
		tx.Close()
		i++
	}
}

func TestReplay100kUnder250ms(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100,000-record journal")
	}
	p := filepath.Join(t.TempDir(), "j.jsonl")
	writeHistory(t, p, 100_000)
	j := New(p)
	start := time.Now()
	first, err := j.replay(true) // a writer's fold: saves the cache
	cold := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	again, err := j.Replay()
	warm := time.Since(start)
	if err != nil || !again.Cached {
		t.Fatalf("second replay not cached: %v", err)
	}
	t.Logf("100,000 records: cold replay %v, cached replay %v, %d live", cold, warm, len(first.State.Live()))
	if warm > 250*time.Millisecond {
		t.Errorf("cached replay of 100,000 records took %v (limit 250ms)", warm)
	}
	if fmt.Sprint(first.State.Snapshot()) != fmt.Sprint(again.State.Snapshot()) {
		t.Error("cached replay differs from the full one")
	}
}

package lease

import (
	"encoding/json"
	"reflect"
	"testing"
)

func rec(t *testing.T, s string) Record {
	t.Helper()
	r, err := DecodeRecord([]byte(s))
	if err != nil {
		t.Fatalf("decode %s: %v", s, err)
	}
	return r
}

func lanes(ls []Lease) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Lane)
	}
	return out
}

func TestFoldAcquireReleaseHeartbeat(t *testing.T) {
	recs := []Record{
		rec(t, `{"op": "ACQUIRE", "seq": 1, "lane": "api", "loop_ts": "T1", "lease": {"lane": "api", "lane_kind": "cluster", "tree": ["src/api/**"], "loop_ts": "T1", "holder": "A"}}`),
		rec(t, `{"op":"ACQUIRE","seq":2,"lane":"docs","loop_ts":"T2","lane_kind":"cluster","tree":["docs/**"],"holder":"B"}`),
		rec(t, `{"op":"HEARTBEAT","seq":3,"lane":"api","loop_ts":"T1","heartbeat_at":"2026-01-01T00:10:00Z"}`),
		rec(t, `{"op":"HEARTBEAT","seq":4,"lane":"gone","loop_ts":"T9","ts":"2026-01-01T00:10:00Z"}`),
		rec(t, `{"op":"RELEASE","seq":5,"lane":"docs","loop_ts":"T2"}`),
		rec(t, `{"op":"HALT","seq":6,"lane":"api","loop_ts":"T1"}`),
	}
	s := Fold(recs)
	live := s.Live()
	if got := lanes(live); !reflect.DeepEqual(got, []string{"api"}) {
		t.Fatalf("live = %v", got)
	}
	if live[0].HeartbeatAt != "2026-01-01T00:10:00Z" || live[0].Holder != "A" {
		t.Fatalf("lease = %+v", live[0])
	}
	if s.MaxSeq != 6 || s.Counter != 2 {
		t.Fatalf("maxseq %d counter %d", s.MaxSeq, s.Counter)
	}
	if g, ok := s.Generation(Identity{"T1", "api"}); !ok || g != 1 {
		t.Fatalf("generation = %d %v", g, ok)
	}
}

func TestFoldReplaceKeepsPosition(t *testing.T) {
	s := Fold([]Record{
		rec(t, `{"op":"ACQUIRE","lane":"api","loop_ts":"T","holder":"A"}`),
		rec(t, `{"op":"ACQUIRE","lane":"docs","loop_ts":"T","holder":"B"}`),
		rec(t, `{"op":"ACQUIRE","lane":"api","loop_ts":"T","holder":"C"}`),
	})
	live := s.Live()
	if got := lanes(live); !reflect.DeepEqual(got, []string{"api", "docs"}) || live[0].Holder != "C" {
		t.Fatalf("live = %+v", live)
	}
	if g, _ := s.Generation(Identity{"T", "api"}); g != 3 {
		t.Fatalf("replacement generation = %d, want 3", g)
	}
}

func TestFoldIgnoresIdentityless(t *testing.T) {
	s := Fold([]Record{rec(t, `{"op":"ACQUIRE","tree":["x"]}`), rec(t, `{"op":"FUTURE","lane":"x","loop_ts":"T"}`)})
	if len(s.Live()) != 0 {
		t.Fatalf("live = %+v", s.Live())
	}
}

func TestCheckpointNeverRepeatsGeneration(t *testing.T) {
	recs := []Record{
		rec(t, `{"op":"ACQUIRE","seq":1,"lane":"a","loop_ts":"T"}`),
		rec(t, `{"op":"ACQUIRE","seq":2,"lane":"b","loop_ts":"T"}`),
		rec(t, `{"op":"ACQUIRE","seq":3,"lane":"c","loop_ts":"T"}`),
		rec(t, `{"op":"RELEASE","seq":4,"lane":"c","loop_ts":"T"}`),
	}
	s := Fold(recs)
	sn := s.Snapshot()
	cp := map[string]any{"op": "CHECKPOINT", "leases": sn.Leases, "seq_watermark": sn.MaxSeq,
		"generations": sn.Generations, "generation_watermark": sn.Counter}
	b, _ := json.Marshal(cp)
	after := Fold([]Record{rec(t, string(b)), rec(t, `{"op":"ACQUIRE","seq":5,"lane":"d","loop_ts":"T"}`)})
	if g, _ := after.Generation(Identity{"T", "d"}); g != 4 {
		t.Fatalf("generation after compaction = %d, want 4 (3 was already issued)", g)
	}
	if !reflect.DeepEqual(lanes(after.Live()), []string{"a", "b", "d"}) {
		t.Fatalf("live = %v", lanes(after.Live()))
	}
	if after.MaxSeq != 5 {
		t.Fatalf("maxseq = %d", after.MaxSeq)
	}
	// A reference CHECKPOINT without the watermark continues from its rows.
	old := Fold([]Record{rec(t, `{"op":"CHECKPOINT","leases":[{"lane":"a","loop_ts":"T"}, 7, {"tree":[]}],"seq_watermark":7,"generations":[{"loop_ts":"T","lane":"a","generation":3}]}`)})
	if old.Counter != 3 || old.MaxSeq != 7 || len(old.Live()) != 1 {
		t.Fatalf("reference checkpoint: counter %d maxseq %d live %v", old.Counter, old.MaxSeq, old.Live())
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	s := Fold([]Record{
		rec(t, `{"op":"ACQUIRE","seq":1,"lane":"a","loop_ts":"T","holder":"x"}`),
		rec(t, `{"op":"ACQUIRE","seq":2,"lane":"b","loop_ts":"T"}`),
		rec(t, `{"op":"RELEASE","seq":3,"lane":"a","loop_ts":"T"}`),
	})
	r := Restore(s.Snapshot())
	if !reflect.DeepEqual(r.Snapshot(), s.Snapshot()) {
		t.Fatalf("round trip: %+v != %+v", r.Snapshot(), s.Snapshot())
	}
}

func TestDecodeTolerant(t *testing.T) {
	r := rec(t, `{"op":"ACQUIRE","lane":"api","loop_ts":"T","pid":"123","tree":null,"extra":{"x":1},"lease":{"lane":"api","loop_ts":"T","pid":"9","holder":"h"}}`)
	if r.Lease == nil || r.Lease.Holder != "h" || r.PID != 0 {
		t.Fatalf("record = %+v", r)
	}
	for _, bad := range []string{`[1]`, `"x"`, `{"op":`, ``, `null`} {
		if _, err := DecodeRecord([]byte(bad)); err == nil {
			t.Errorf("DecodeRecord(%q) succeeded", bad)
		}
	}
}

func FuzzDecodeRecord(f *testing.F) {
	f.Add([]byte(`{"op": "ACQUIRE", "lane": "api", "loop_ts": "T", "lease": {"lane": "api"}}`))
	f.Add([]byte(`{"op":"CHECKPOINT","leases":[1,{"lane":"a"}],"generations":[{"generation":"x"}]}`))
	f.Add([]byte(`{"pid":1.5,"ttl_minutes":"x"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := DecodeRecord(b)
		if err != nil {
			return
		}
		s := &State{}
		s.Apply(r)
		_ = s.Live()
	})
}

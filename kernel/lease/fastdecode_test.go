package lease

import (
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"
)

var fastSeeds = []string{
	`{"host_id": "h", "lane": "api", "lane_kind": "cluster", "lease": {"acquired_at": "2026-01-01T00:00:00Z", "holder": "agent-A", "lane": "api", "loop_ts": "T", "pid": 11, "tree": ["src/api/**"], "ttl_minutes": 30}, "loop_ts": "T", "op": "ACQUIRE", "pid": 11, "prev_holder": null, "reason": "lane-lease:agent-A — x", "seq": 1, "tree": ["src/api/**"], "ts": "2026-01-01T00:00:00Z"}`,
	`{"op":"HEARTBEAT","lane":"a","loop_ts":"T","heartbeat_at":"H","seq":3,"extra":{"x":[1,{"y":"]}"}]},"z":[]}`,
	`{"op":"RELEASE","lane":null,"lane":"b","tree":null,"pid":1.0}`,
	`{"op":"ACQUIRE","LANE":"x"}`,
	`{"op":"ACQUIRE","lease":{"lane":"a"},"lease":{"holder":"b"}}`,
	`{"op":"CHECKPOINT","leases":[{"lane":"a"}],"seq_watermark":4}`,
	`{"op":"ACQUIRE","lane":"a\u00e9","ttl_minutes":1e1,"_line":3,"_raw":"x"}`,
	`{"seq":99999999999999999999}`,
	`{}`,
}

func TestFastDecodeAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range fastSeeds {
		checkFast(t, []byte(s))
	}
	if _, ok := decodeFast([]byte(fastSeeds[0])); !ok {
		t.Fatal("the common ACQUIRE shape missed the fast path")
	}
}

func checkFast(t *testing.T, b []byte) {
	t.Helper()
	if !json.Valid(b) || !utf8.Valid(b) {
		return
	}
	fast, ok := decodeFast(b)
	if !ok {
		return
	}
	slow, err := decodeSlow(b)
	if err != nil {
		t.Fatalf("%s: fast path accepted what encoding/json rejects: %v", b, err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("%s:\nfast %+v\nslow %+v", b, fast, slow)
	}
}

// FuzzFastDecode checks the fast path against encoding/json on every input
// it accepts.
func FuzzFastDecode(f *testing.F) {
	for _, s := range fastSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkFast(t, b) })
}

var snapshotSeeds = []string{
	`{"leases":[{"lane":"docs","lane_kind":"cluster","tree":["docs/**"],"loop_ts":"2026-12-01T21:56:11Z","host_id":"vm","pid":2557,"holder":"other-agent","acquired_at":"2026-12-01T22:14:57Z","ttl_minutes":600,"lease_id":"RID-1M8STSQVB97EZ1S"}],"generations":[{"loop_ts":"2026-12-01T21:56:11Z","lane":"docs","generation":9}],"generation_watermark":9,"seq_watermark":706,"records":706}`,
	`{"leases":[],"generations":[],"generation_watermark":0,"seq_watermark":0,"records":0}`,
	`{"leases":null,"generations":null}`,
	`{"leases":[{"lane":"a"},{"lane":"b","tree":null,"pid":1.0}],"leases":[{"lane":"c"}]}`,
	`{"leases":[null]}`,
	`{"LEASES":[{"lane":"a"}]}`,
	`{"records":1e2}`,
	`{"generations":[{"lane":"a","generation":"7"}]}`,
	`{"leases":[{"lane":"a\u00e9"}],"extra":1}`,
	`{}`,
}

func TestDecodeSnapshotAgreesWithEncodingJSON(t *testing.T) {
	for _, s := range snapshotSeeds {
		checkSnapshot(t, []byte(s))
	}
	if _, ok := decodeSnapshotFast([]byte(snapshotSeeds[0])); !ok {
		t.Fatal("the fold cache's own shape missed the fast path")
	}
	// what the cache writes, read back
	sn := Snapshot{Leases: []Lease{{Lane: "a", LaneKind: "cluster", Tree: []string{"a/**"}, LoopTS: "T", HostID: "h", PID: 3,
		Holder: "x", AcquiredAt: "A", HeartbeatAt: "H", RunID: "R", TTLMinutes: 1.5, LeaseID: "L"}},
		Generations: []Generation{{LoopTS: "T", Lane: "a", Generation: 4}}, Counter: 4, MaxSeq: 9, Records: 9}
	b, _ := json.Marshal(sn)
	got, ok := decodeSnapshotFast(b)
	if !ok || !reflect.DeepEqual(got, sn) {
		t.Fatalf("round trip: %v %+v", ok, got)
	}
}

// Every field of Lease, Generation and Snapshot is read by the fast path:
// a field added to one of them without a case here fails.
func TestDecodeSnapshotCoversEveryField(t *testing.T) {
	sn := Snapshot{Leases: []Lease{{}}, Generations: []Generation{{}}}
	fill(reflect.ValueOf(&sn).Elem())
	b, _ := json.Marshal(sn)
	got, ok := decodeSnapshotFast(b)
	if !ok || !reflect.DeepEqual(got, sn) {
		t.Fatalf("%s:\n got %+v (fast path %v)\nwant %+v", b, got, ok, sn)
	}
}

// fill sets every field reachable from v to a non-zero value.
func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			fill(v.Field(i))
		}
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		}
		for i := 0; i < v.Len(); i++ {
			fill(v.Index(i))
		}
	case reflect.String:
		v.SetString("s")
	case reflect.Int, reflect.Int64:
		v.SetInt(7)
	case reflect.Float64:
		v.SetFloat(2.5)
	}
}

func checkSnapshot(t *testing.T, b []byte) {
	t.Helper()
	fast, ok := decodeSnapshotFast(b)
	if !ok {
		return
	}
	var slow Snapshot
	if err := json.Unmarshal(b, &slow); err != nil {
		t.Fatalf("%s: fast path accepted what encoding/json rejects: %v", b, err)
	}
	if !reflect.DeepEqual(fast, slow) {
		t.Fatalf("%s:\nfast %+v\nslow %+v", b, fast, slow)
	}
}

// FuzzDecodeSnapshot checks the fast path against encoding/json on every
// input it accepts.
func FuzzDecodeSnapshot(f *testing.F) {
	for _, s := range snapshotSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { checkSnapshot(t, b) })
}

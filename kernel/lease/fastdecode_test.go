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

package journal

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/dispatchos/dos/kernel/lease"
)

// The cache's three lines read back as written, skipped lines included.
func TestCacheRoundTrip(t *testing.T) {
	c := foldCache{Dev: 65024, Ino: 1 << 62, Offset: 688235, Lines: 706, Head: []byte(`{"op":"ACQUIRE"`), Tail: []byte("x}\n"),
		State: lease.Snapshot{Leases: []lease.Lease{{Lane: "docs", LaneKind: "cluster", Tree: []string{"docs/**"}, LoopTS: "T", Holder: "other-agent", TTLMinutes: 600}},
			Generations: []lease.Generation{{LoopTS: "T", Lane: "docs", Generation: 9}}, Counter: 9, MaxSeq: 706, Records: 706},
		Skipped: []Skipped{{Line: 3, Offset: 40, Length: 17, SHA256: "ab", Prefix: "not json \\\"quoted\\\"", WasLine: 2}}}
	b, err := c.encode()
	if err != nil {
		t.Fatal(err)
	}
	got, ok := decodeCache(b)
	if !ok || !reflect.DeepEqual(got, c) {
		t.Fatalf("round trip (ok %v):\n got %+v\nwant %+v\n%s", ok, got, c, b)
	}
	c.Skipped = nil
	b, _ = c.encode()
	if got, ok := decodeCache(b); !ok || got.Skipped != nil {
		t.Fatalf("no skipped lines: %v %+v", ok, got.Skipped)
	}
}

// A cache in another layout (the JSON object of versions 1 and 2) or damaged is
// ignored: the reader folds the whole journal and gets the same state.
func TestCacheOtherLayoutIgnored(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), "j.jsonl"))
	var recs []map[string]any
	for i := range 300 {
		recs = append(recs, acquire("l"+string(rune('a'+i%5)), "T"+string(rune('a'+i%7)), "h"))
	}
	appendAll(t, j, recs...)
	appendAll(t, j, acquire("z", "Z", "q"))
	full := &Journal{Path: j.Path}
	ref, _ := full.Replay()
	good, err := os.ReadFile(j.CachePath)
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"version 1":  []byte(`{"version":1,"dev":1,"ino":2,"offset":10,"lines":1,"head":"","tail":"","state":{}}`),
		"garbage":    []byte("dos-fold-cache 3 x y z\n"),
		"truncated":  good[:len(good)/2],
		"bad header": append([]byte("dos-fold-cache 3 1 2"), good[len("dos-fold-cache 3 1 2"):]...),
	} {
		os.WriteFile(j.CachePath, bad, 0o644)
		rp, err := j.Replay()
		if err != nil || rp.Cached || !reflect.DeepEqual(rp.State.Snapshot(), ref.State.Snapshot()) {
			t.Errorf("%s: cached=%v err=%v", name, rp.Cached, err)
		}
	}
	os.WriteFile(j.CachePath, good, 0o644)
	if rp, _ := j.Replay(); !rp.Cached || !reflect.DeepEqual(rp.State.Snapshot(), ref.State.Snapshot()) {
		t.Errorf("the good cache was not used (cached=%v)", rp.Cached)
	}
}

func FuzzDecodeCache(f *testing.F) {
	c := foldCache{Dev: 1, Ino: 2, Offset: 3, Lines: 1, Head: []byte("h"), Tail: []byte("t"),
		State: lease.Snapshot{Leases: []lease.Lease{{Lane: "a"}}}}
	b, _ := c.encode()
	f.Add(b)
	f.Add([]byte("dos-fold-cache 3 1 2 3 4 aA== aA==\n[{\"line\":1,\"raw\":\"x\"}]\n{}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, ok := decodeCache(b)
		if !ok {
			return
		}
		// what was read encodes and reads back the same
		e, err := c.encode()
		if err != nil {
			t.Fatal(err)
		}
		if d, ok := decodeCache(e); !ok || !reflect.DeepEqual(d, c) {
			t.Fatalf("re-encoded cache differs:\n%+v\n%+v", c, d)
		}
	})
}

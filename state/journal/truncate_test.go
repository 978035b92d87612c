package journal

import (
	"os"
	"path/filepath"
	"testing"
)

// TestTruncationNeverInventsALease cuts a journal at every byte (a crash
// at any moment of any append) and checks that it still reads and that
// every live lease was granted by a complete ACQUIRE of the original.
func TestTruncationNeverInventsALease(t *testing.T) {
	dir := t.TempDir()
	j := New(filepath.Join(dir, "full.jsonl"))
	appendAll(t, j, acquire("api", "T1", "A"), acquire("docs", "T1", "B"))
	appendAll(t, j, release("api", "T1"), acquire("web", "T2", "C"))
	appendAll(t, j, map[string]any{"op": "HEARTBEAT", "lane": "web", "loop_ts": "T2", "heartbeat_at": "2026-01-01T00:09:00Z"})
	full := mustRead(t, j.Path)
	granted := map[string]bool{"api@A": true, "docs@B": true, "web@C": true}
	cut := &Journal{Path: filepath.Join(dir, "cut.jsonl")}
	for n := 0; n <= len(full); n++ {
		if err := os.WriteFile(cut.Path, full[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		rp, err := cut.Replay()
		if err != nil {
			t.Fatalf("cut at %d: %v", n, err)
		}
		if len(rp.Skipped) != 0 {
			t.Fatalf("cut at %d: a torn tail was reported as corrupt: %+v", n, rp.Skipped)
		}
		for _, l := range rp.State.Live() {
			if !granted[l.Lane+"@"+l.Holder] {
				t.Fatalf("cut at %d: invented lease %+v", n, l)
			}
		}
	}
}

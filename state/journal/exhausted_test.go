package journal

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
)

// Issue 7 item 9: a journal whose seq (or fencing generation) is at
// 2^63-1 refuses to append instead of writing a wrapped, repeated number.
func TestAppendAtTheSeqLimit(t *testing.T) {
	for _, c := range []struct {
		name, line string
		rec        map[string]any
	}{
		{"seq", fmt.Sprintf(`{"op":"RELEASE","lane":"x","loop_ts":"T0","seq":%d}`, int64(1<<63-1)), release("api", "T1")},
		{"generation", fmt.Sprintf(`{"op":"CHECKPOINT","leases":[],"seq_watermark":5,"generation_watermark":%d}`, int64(1<<63-1)), acquire("api", "T1", "A")},
	} {
		j := New(filepath.Join(t.TempDir(), "lane-journal.jsonl"))
		if err := os.WriteFile(j.Path, []byte(c.line+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		before, _ := os.ReadFile(j.Path)
		tx, err := j.Begin(context.Background(), time.Second, t0)
		if err != nil {
			t.Fatal(err)
		}
		_, err = tx.Append(c.rec)
		tx.Close()
		if !errors.Is(err, lease.ErrExhausted) {
			t.Errorf("%s: Append at the limit = %v, want ErrExhausted", c.name, err)
		}
		if after, _ := os.ReadFile(j.Path); string(after) != string(before) {
			t.Errorf("%s: the journal changed: %s", c.name, after)
		}
	}
}

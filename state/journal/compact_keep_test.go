package journal

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
)

// Compacting with any keep leaves the fold as it was (live set in order,
// generations, seq and generation watermarks) and the newest keep lines
// byte for byte; a keep that covers the journal leaves it alone.
func TestCompactKeepPreservesTheFold(t *testing.T) {
	recs := []map[string]any{
		acquire("a", "T", "x"), acquire("b", "T", "y"), release("a", "T"),
		{"op": lease.OpHeartbeat, "lane": "b", "loop_ts": "T", "heartbeat_at": "2026-01-01T00:00:09Z"},
		acquire("a", "T", "z"), {"op": lease.OpHalt, "handle": "9", "lane": "b", "loop_ts": "T", "command": "kill"},
		acquire("c", "T", "w"), release("b", "T"), acquire("b", "T2", "v"),
	}
	for keep := 0; keep <= len(recs)+2; keep++ {
		j := New(filepath.Join(t.TempDir(), "j.jsonl"))
		appendAll(t, j, recs[:3]...)
		os.WriteFile(j.Path, append(mustRead(t, j.Path), []byte("not json\n")...), 0o644)
		appendAll(t, j, recs[3:]...)
		before, err := j.Replay()
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitAfter(string(mustRead(t, j.Path)), "\n")
		lines = lines[:len(lines)-1]
		res, err := j.CompactKeep(context.Background(), time.Second, "", keep)
		if err != nil {
			t.Fatal(err)
		}
		after, err := j.Replay()
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(before.State.Live(), after.State.Live()) ||
			!reflect.DeepEqual(before.State.Generations(), after.State.Generations()) ||
			before.State.MaxSeq != after.State.MaxSeq || before.State.Counter != after.State.Counter {
			t.Fatalf("keep %d changed the fold:\n%+v %+v\n%+v %+v", keep, before.State.Live(), before.State.Generations(),
				after.State.Live(), after.State.Generations())
		}
		got := string(mustRead(t, j.Path))
		if keep >= len(lines) {
			if got != strings.Join(lines, "") || res.EntriesAfter != len(lines) || res.BytesReclaimed != 0 {
				t.Fatalf("keep %d >= %d lines rewrote the journal: %+v", keep, len(lines), res)
			}
			continue
		}
		// a line that is not a record is kept as its sentinel
		want := strings.Replace(strings.Join(lines[len(lines)-keep:], ""), "not json\n", `{"_line":3,"_raw":"not json","op":"_CORRUPT"}`+"\n", 1)
		if keep > 0 && !strings.HasSuffix(got, want) {
			t.Fatalf("keep %d did not keep the newest lines as written:\n%s\nwant suffix\n%s", keep, got, want)
		}
		if !strings.HasPrefix(got, `{"generation_watermark":`) {
			t.Fatalf("keep %d: no checkpoint first:\n%s", keep, got)
		}
		if res.EntriesBefore != len(lines) || res.EntriesAfter != bytes.Count([]byte(got), []byte("\n")) {
			t.Fatalf("keep %d: counts %+v for\n%s", keep, res, got)
		}
	}
	j := New(filepath.Join(t.TempDir(), "j.jsonl"))
	if _, err := j.CompactKeep(context.Background(), time.Second, "", -1); err == nil {
		t.Fatal("a negative keep was accepted")
	}
}

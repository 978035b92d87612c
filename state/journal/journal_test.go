package journal

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func acquire(lane, loop, holder string) map[string]any {
	l := lease.Lease{Lane: lane, LaneKind: "cluster", Tree: []string{lane + "/**"}, LoopTS: loop, Holder: holder}
	return map[string]any{"op": lease.OpAcquire, "lane": lane, "loop_ts": loop, "lease": l}
}

func release(lane, loop string) map[string]any {
	return map[string]any{"op": lease.OpRelease, "lane": lane, "loop_ts": loop}
}

func appendAll(t testing.TB, j *Journal, recs ...map[string]any) []lease.Record {
	t.Helper()
	tx, err := j.Begin(context.Background(), time.Second, t0)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	out, err := tx.Append(recs...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func liveLanes(t testing.TB, j *Journal) []string {
	t.Helper()
	rp, err := j.Replay()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range rp.State.Live() {
		out = append(out, l.Lane+"@"+l.Holder)
	}
	return out
}

func TestAppendReplaySeq(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), ".dos", "lane-journal.jsonl"))
	recs := appendAll(t, j, acquire("api", "T1", "A"), acquire("docs", "T1", "B"))
	if recs[0].Seq != 1 || recs[1].Seq != 2 || recs[0].TS != "2026-01-01T00:00:00Z" {
		t.Fatalf("records = %+v", recs)
	}
	appendAll(t, j, release("api", "T1"))
	if got := liveLanes(t, j); !reflect.DeepEqual(got, []string{"docs@B"}) {
		t.Fatalf("live = %v", got)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(j.Path), LockName)); err != nil {
		t.Fatalf("lock file: %v", err)
	}
	b, _ := os.ReadFile(j.Path)
	if !strings.HasPrefix(string(b), `{"lane":"api","lease":{`) {
		t.Fatalf("keys not sorted: %s", b)
	}
}

func TestTornTailSkippedThenRepaired(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), "j.jsonl"))
	appendAll(t, j, acquire("api", "T1", "A"))
	f, _ := os.OpenFile(j.Path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"op": "ACQUIRE", "lane": "docs", "loop_`)
	f.Close()
	rp, err := j.Replay()
	if err != nil || rp.Torn == nil || len(rp.Skipped) != 0 || len(rp.State.Live()) != 1 {
		t.Fatalf("replay torn: %+v %v", rp, err)
	}
	recs := appendAll(t, j, acquire("web", "T1", "C"))
	if recs[0].Seq != 2 {
		t.Fatalf("seq after torn = %d", recs[0].Seq)
	}
	rp, _ = j.Replay()
	if rp.Torn != nil || len(rp.Skipped) != 1 || rp.Skipped[0].Line != 2 {
		t.Fatalf("after repair: torn %v skipped %v", rp.Torn, rp.Skipped)
	}
	if got := liveLanes(t, j); !reflect.DeepEqual(got, []string{"api@A", "web@C"}) {
		t.Fatalf("live = %v", got)
	}
}

func TestReferenceFormatReplays(t *testing.T) {
	dir := t.TempDir()
	ref := `{"lane": "api", "lane_kind": "cluster", "lease": {"acquired_at": "2026-01-01T00:00:00Z", "holder": "agent-A", "host_id": "h", "lane": "api", "lane_kind": "cluster", "loop_ts": "2026-01-01T00:00:00Z", "pid": 4242, "tree": ["src/api/**"]}, "loop_ts": "2026-01-01T00:00:00Z", "op": "ACQUIRE", "reason": "lane-lease:agent-A", "seq": 1, "ts": "2026-01-01T00:00:00Z"}
{"heartbeat_at": "2026-01-01T00:20:00Z", "host_id": "h", "lane": "api", "loop_ts": "2026-01-01T00:00:00Z", "op": "HEARTBEAT", "seq": 2, "ts": "2026-01-01T00:20:00Z"}
{"lane": "docs", "lane_kind": "cluster", "lease": {"holder": "agent-B", "lane": "docs", "lane_kind": "cluster", "loop_ts": "2026-01-01T00:01:00Z", "tree": ["docs/**"]}, "loop_ts": "2026-01-01T00:01:00Z", "op": "ACQUIRE", "seq": 3, "ts": "2026-01-01T00:01:00Z"}
{"host_id": "h", "lane": "docs", "loop_ts": "2026-01-01T00:01:00Z", "op": "RELEASE", "reason": "lane-lease:agent-B", "seq": 4, "ts": "2026-01-01T00:02:00Z"}
`
	p := filepath.Join(dir, "ref.jsonl")
	os.WriteFile(p, []byte(ref), 0o644)
	j := New(p)
	rp, err := j.Replay()
	if err != nil {
		t.Fatal(err)
	}
	live := rp.State.Live()
	if len(live) != 1 || live[0].Holder != "agent-A" || live[0].HeartbeatAt != "2026-01-01T00:20:00Z" || live[0].PID != 4242 {
		t.Fatalf("live = %+v", live)
	}
	recs := appendAll(t, j, release("api", "2026-01-01T00:00:00Z"))
	if recs[0].Seq != 5 || len(liveLanes(t, j)) != 0 {
		t.Fatalf("append after reference journal: %+v %v", recs, liveLanes(t, j))
	}
}

func TestCompactKeepsLiveSetSeqAndGenerations(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), "j.jsonl"))
	appendAll(t, j, acquire("a", "T", "x"), acquire("b", "T", "y"), acquire("c", "T", "z"), release("c", "T"))
	os.WriteFile(j.Path, append(mustRead(t, j.Path), []byte("not json\n")...), 0o644)
	appendAll(t, j, map[string]any{"op": lease.OpHeartbeat, "lane": "a", "loop_ts": "T", "heartbeat_at": "2026-01-01T00:00:09Z"})
	before, _ := j.Replay()
	archive := filepath.Join(filepath.Dir(j.Path), "archive.jsonl")
	res, err := j.Compact(context.Background(), time.Second, archive)
	if err != nil {
		t.Fatal(err)
	}
	if res.EntriesBefore != 6 || res.EntriesAfter != 2 || res.BytesReclaimed <= 0 {
		t.Fatalf("result = %+v", res)
	}
	after, _ := j.Replay()
	if !reflect.DeepEqual(before.State.Live(), after.State.Live()) || after.State.MaxSeq != 5 {
		t.Fatalf("live changed: %+v vs %+v (maxseq %d)", before.State.Live(), after.State.Live(), after.State.MaxSeq)
	}
	if len(after.Skipped) != 1 || after.Skipped[0].Prefix != "not json" || after.Skipped[0].WasLine != 5 {
		t.Fatalf("corrupt line not kept: %+v", after.Skipped)
	}
	recs := appendAll(t, j, acquire("d", "T", "w"))
	st, _ := j.Replay()
	if g, _ := st.State.Generation(lease.Identity{LoopTS: "T", Lane: "d"}); recs[0].Seq != 6 || g != 4 {
		t.Fatalf("seq %d generation %d, want 6 and 4", recs[0].Seq, g)
	}
	if a := mustRead(t, archive); !strings.Contains(string(a), "not json") {
		t.Fatalf("archive missing history: %s", a)
	}
	// A second compaction is idempotent on the live set.
	if _, err := j.Compact(context.Background(), time.Second, ""); err != nil {
		t.Fatal(err)
	}
	if got := liveLanes(t, j); !reflect.DeepEqual(got, []string{"a@x", "b@y", "d@w"}) {
		t.Fatalf("live = %v", got)
	}
}

func mustRead(t testing.TB, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCacheMatchesFullReplay(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), "j.jsonl"))
	var recs []map[string]any
	for i := range 3000 {
		lane := fmt.Sprintf("l%d", i%7)
		if i%2 == 0 {
			recs = append(recs, acquire(lane, fmt.Sprint(i/2), "h"))
		} else {
			recs = append(recs, release(lane, fmt.Sprint((i-1)/2-2)))
		}
	}
	appendAll(t, j, recs...)
	if first, _ := j.Replay(); first.Cached {
		t.Fatal("first replay cannot be cached")
	}
	if _, err := os.Stat(j.CachePath); err == nil {
		t.Fatal("a reader wrote the fold cache")
	}
	appendAll(t, j, acquire("z", "Z", "q")) // the writer folds 3000 records and saves
	if _, err := os.Stat(j.CachePath); err != nil {
		t.Fatalf("no cache written by the writer: %v", err)
	}
	second, _ := j.Replay()
	full := &Journal{Path: j.Path}
	ref, _ := full.Replay()
	if !second.Cached || !reflect.DeepEqual(second.State.Snapshot(), ref.State.Snapshot()) || second.Lines != ref.Lines {
		t.Fatalf("cached replay differs (cached=%v)", second.Cached)
	}
	// A journal replaced under the cache is detected.
	os.WriteFile(j.Path+".new", []byte(`{"op":"ACQUIRE","lane":"solo","loop_ts":"T","seq":1}`+"\n"), 0o644)
	os.Rename(j.Path+".new", j.Path)
	if got := liveLanes(t, j); !reflect.DeepEqual(got, []string{"solo@"}) {
		t.Fatalf("stale cache used: %v", got)
	}
}

func TestDevFullFailsClosed(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	j := New("/dev/full")
	j.LockPath = filepath.Join(t.TempDir(), LockName)
	tx, err := j.Begin(context.Background(), time.Second, t0)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	if _, err := tx.Append(acquire("api", "T", "A")); err == nil {
		t.Fatal("append to /dev/full succeeded")
	}
}

func TestBusyLockIsBounded(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), "j.jsonl"))
	tx, err := j.Begin(context.Background(), time.Second, t0)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	start := time.Now()
	_, err = j.Begin(context.Background(), 100*time.Millisecond, t0)
	if err == nil || !strings.Contains(err.Error(), "lock busy") {
		t.Fatalf("second Begin: %v", err)
	}
	if d := time.Since(start); d < 90*time.Millisecond || d > 2*time.Second {
		t.Fatalf("waited %v", d)
	}
}

func FuzzScan(f *testing.F) {
	f.Add([]byte("{\"op\":\"ACQUIRE\",\"lane\":\"a\",\"loop_ts\":\"T\"}\nxx\n{\"op\":\"RELEASE\",\"lane\":\"a\",\"loop_ts\":\"T\"}\r\n{\"op"))
	f.Fuzz(func(t *testing.T, b []byte) {
		n := -1
		_, err := scan(bytes.NewReader(b), 0, 0, func(l *Line) {
			if l.Next > int64(len(b)) || l.Index <= n || l.Offset >= l.Next {
				t.Fatalf("bad line %d at %d..%d", l.Index, l.Offset, l.Next)
			}
			if l.Bad == nil && !bytes.Equal(bytes.TrimSuffix(bytes.TrimSuffix(b[l.Offset:l.Next], []byte("\n")), []byte("\r")), l.Raw) {
				t.Fatalf("line %d: raw %q is not the bytes at %d..%d", l.Index, l.Raw, l.Offset, l.Next)
			}
			n = l.Index
		}, nil)
		if err != nil {
			t.Fatal(err)
		}
	})
}

// Hooks decision 10: the unsynced append shares seq numbering with the
// synced one, repairs a torn tail, and never changes lease state.
func TestAppendUnsynced(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), ".dos", "lane-journal.jsonl"))
	appendAll(t, j, acquire("api", "T1", "A"))
	f, err := os.OpenFile(j.Path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(`{"op": "ACQ`) // a crash mid-append
	f.Close()
	tx, err := j.Begin(context.Background(), time.Second, t0)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := tx.AppendUnsynced(map[string]any{"op": "ENFORCE", "lane": "Write", "reason": "x"})
	tx.Close()
	if err != nil || len(recs) != 1 || recs[0].Seq != 2 || recs[0].Op != "ENFORCE" {
		t.Fatalf("recs %+v, %v", recs, err)
	}
	if got := liveLanes(t, j); !reflect.DeepEqual(got, []string{"api@A"}) {
		t.Errorf("live %v", got)
	}
	b, _ := os.ReadFile(j.Path)
	if !strings.HasSuffix(string(b), "\"x\",\"seq\":2,\"ts\":\"2026-01-01T00:00:00Z\"}\n") || strings.Count(string(b), "\n") != 3 {
		t.Errorf("journal:\n%s", b)
	}
}

// A few large records (hook ENFORCE lines run to a kilobyte) refresh the
// fold cache too, so readers never re-read a long uncached tail.
func TestCacheRefreshedByBytes(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), "j.jsonl"))
	big := strings.Repeat("x", 1000)
	var recs []map[string]any
	for range 20 {
		recs = append(recs, map[string]any{"op": "ENFORCE", "lane": "Write", "reason": big})
	}
	appendAll(t, j, recs...)
	appendAll(t, j, acquire("api", "T", "A")) // folds 20 KB in 20 records
	if _, err := os.Stat(j.CachePath); err != nil {
		t.Fatalf("20 records of 1 KB left no cache: %v", err)
	}
	rp, _ := j.Replay()
	if !rp.Cached || rp.State.MaxSeq != 21 || !reflect.DeepEqual(liveLanes(t, j), []string{"api@A"}) {
		t.Fatalf("cached %v seq %d", rp.Cached, rp.State.MaxSeq)
	}
}

// FuzzLongLines reads the same bytes twice, once with a tiny line limit:
// every line within the limit reads the same, and every line over it is a
// bad line whose streamed length and digest equal those of the line read
// whole.
func FuzzLongLines(f *testing.F) {
	f.Add([]byte("{\"op\":\"ACQUIRE\",\"lane\":\"a\",\"loop_ts\":\"T\"}\nxx\r\n\n{\"op\":\"RELEASE\"}\r\r\nlong garbage line here\n"), uint8(8))
	f.Add([]byte("abc\r"), uint8(2))
	f.Fuzz(func(t *testing.T, b []byte, limit uint8) {
		max := int(limit%40) + 1
		collect := func(maxLine int) (lines []Line) {
			_, err := scanMax(bytes.NewReader(b), 0, 0, maxLine, func(l *Line) {
				cp := *l
				cp.Raw = bytes.Clone(l.Raw)
				lines = append(lines, cp)
			}, nil)
			if err != nil {
				t.Fatal(err)
			}
			return lines
		}
		whole, small := collect(MaxLine), collect(max)
		if len(whole) != len(small) {
			t.Fatalf("%d lines whole, %d with limit %d", len(whole), len(small), max)
		}
		for i := range whole {
			w, s := whole[i], small[i]
			if w.Index != s.Index || w.Offset != s.Offset || w.Next != s.Next {
				t.Fatalf("line %d: positions differ: %+v vs %+v", i, w, s)
			}
			if s.Next-s.Offset <= int64(max) {
				if !bytes.Equal(w.Raw, s.Raw) || (w.Bad == nil) != (s.Bad == nil) {
					t.Fatalf("line %d within the limit reads differently", i)
				}
				continue
			}
			if s.Bad == nil || s.Bad.WasLine != 0 {
				t.Fatalf("line %d over the limit is not a bad line", i)
			}
			if w.Bad != nil && w.Bad.WasLine == 0 && (w.Bad.Length != s.Bad.Length || w.Bad.SHA256 != s.Bad.SHA256 || w.Bad.Prefix != s.Bad.Prefix) {
				t.Fatalf("line %d: streamed record %+v, whole %+v", i, *s.Bad, *w.Bad)
			}
		}
	})
}

// A compaction killed after it archived the journal and before it replaced
// it leaves those records in both files; the next compaction archives only
// what came after them, so the archive holds every record exactly once.
func TestCompactAfterADiedCompactionArchivesOnce(t *testing.T) {
	j := New(filepath.Join(t.TempDir(), "j.jsonl"))
	archive := filepath.Join(filepath.Dir(j.Path), "archive.jsonl")
	appendAll(t, j, acquire("a", "T1", "x"), release("a", "T1"))
	if _, err := j.Compact(context.Background(), time.Second, archive); err != nil {
		t.Fatal(err)
	}
	appendAll(t, j, acquire("b", "T2", "y"), acquire("c", "T3", "z"))
	// The died compaction: the archive got the journal, the journal stayed.
	f, err := os.OpenFile(archive, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.Write(mustRead(t, j.Path))
	f.Close()
	appendAll(t, j, release("b", "T2"))
	if _, err := j.Compact(context.Background(), time.Second, archive); err != nil {
		t.Fatal(err)
	}
	appendAll(t, j, release("c", "T3"))
	if _, err := j.Compact(context.Background(), time.Second, archive); err != nil {
		t.Fatal(err)
	}
	var seqs []int64
	for _, line := range strings.Split(strings.TrimSpace(string(mustRead(t, archive))), "\n") {
		r, err := lease.DecodeRecord([]byte(line))
		if err != nil {
			t.Fatal(err)
		}
		if r.Op != lease.OpCheckpoint {
			seqs = append(seqs, r.Seq)
		}
	}
	if !reflect.DeepEqual(seqs, []int64{1, 2, 3, 4, 5, 6}) {
		t.Fatalf("archived seqs %v, want each of 1..6 once", seqs)
	}
}

// LastArchived reads the archive's last complete line only.
func TestLastLine(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a")
	for body, want := range map[string]string{"": "", "one\n": "one", "a\nb\n": "b", "a\ntorn": "", "\n": ""} {
		os.WriteFile(p, []byte(body), 0o644)
		if got := string(LastArchived(p)); got != want {
			t.Errorf("LastArchived(%q) = %q, want %q", body, got, want)
		}
	}
	if LastArchived(filepath.Join(t.TempDir(), "missing")) != nil || LastArchived("") != nil {
		t.Error("a missing archive has no last line")
	}
}

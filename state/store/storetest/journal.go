package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
)

// runJournal runs the journal cases: reads, compaction, import.
func runJournal(t *testing.T, open func(t *testing.T) store.Store) {
	t.Run("JournalReads", func(t *testing.T) { journalReads(t, open(t)) })
	t.Run("Compact", func(t *testing.T) { compact(t, open(t)) })
	t.Run("Import", func(t *testing.T) { importCases(t, open) })
}

// halt is a record the kernel does not decide, with a field no reader
// knows and characters a line must not split on.
func halt(l lease.Lease) map[string]any {
	return map[string]any{"op": lease.OpHalt, "handle": "7", "lane": l.Lane, "loop_ts": l.LoopTS,
		"command": "kill -9", "note": "é\u2028x"}
}

// tail reads s's whole journal.
func tail(t *testing.T, s store.Store) []store.Event {
	t.Helper()
	ev, err := s.Tail(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

// opsOf lists the ops of evs.
func opsOf(evs []store.Event) string {
	var ops []string
	for _, e := range evs {
		ops = append(ops, e.Record.Op)
	}
	return strings.Join(ops, ",")
}

// object decodes one event line.
func object(t *testing.T, b []byte) map[string]any {
	t.Helper()
	m, err := store.DecodeObject(b)
	if err != nil {
		t.Fatalf("event line %s: %v", b, err)
	}
	return m
}

func journalReads(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := acquire(t, s, "l0", "alice")
	acquire(t, s, "l1", "bob")
	hseq, err := s.Append(ctx, halt(*a.Lease))
	if err != nil {
		t.Fatal(err)
	}
	c := acquire(t, s, "l2", "carol")
	if ok, err := s.Release(ctx, a.Lease.LeaseID, "alice", lease.ReleaseOf(*a.Lease, "h", "alice")); !ok || err != nil {
		t.Fatalf("release: %v %v", ok, err)
	}
	ev := tail(t, s)
	if got := opsOf(ev); got != "ACQUIRE,REFUSE,HALT,ACQUIRE,RELEASE" {
		t.Fatalf("tail ops %s", got)
	}
	for i, e := range ev {
		m := object(t, e.Line)
		if n, _ := m["seq"].(json.Number).Int64(); n != e.Record.Seq || n <= 0 || (i > 0 && n <= ev[i-1].Record.Seq) {
			t.Fatalf("record %d: line seq %v, record seq %d, previous %+v", i, m["seq"], e.Record.Seq, ev[max(i-1, 0)].Record)
		}
	}
	if h := object(t, ev[2].Line); h["command"] != "kill -9" || h["note"] != "é\u2028x" || ev[2].Record.Seq != hseq {
		t.Fatalf("the HALT lost a field or its seq (%d): %s", hseq, ev[2].Line)
	}
	if last, err := s.Tail(ctx, 2); err != nil || !reflect.DeepEqual(last, ev[3:]) {
		t.Fatalf("tail 2 = %v %v, want the last two of %v", opsOf(last), err, opsOf(ev))
	}
	exp, err := s.Export(ctx)
	if err != nil || len(exp) < len(ev) || !reflect.DeepEqual(exp[:len(ev)], ev) {
		t.Fatalf("export %v %v does not start with the journal %v", opsOf(exp), err, opsOf(ev))
	}
	for _, e := range exp[len(ev):] {
		if e.Record.Op != lease.OpHeartbeat || e.Record.Lane != "l2" {
			t.Fatalf("export adds %s, not a beat of the live lease", e.Line)
		}
	}
	seq, err := s.Seq(ctx)
	if err != nil || seq != ev[4].Record.Seq {
		t.Fatalf("seq %d %v, want %d", seq, err, ev[4].Record.Seq)
	}
	rp, err := s.Replay(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []lease.Generation{{LoopTS: c.Lease.LoopTS, Lane: "l2", Generation: c.Generation}}
	if lanes(rp.Live) != "l2" || !reflect.DeepEqual(rp.Generations, want) || rp.Seq != seq || rp.Records != 5 || s.Source() == "" {
		t.Fatalf("replay %+v, want l2 at generation %d, seq %d, 5 records", rp, c.Generation, seq)
	}
}

// folded is what must survive a compaction: the live set, the
// generations and the seq.
func folded(t *testing.T, s store.Store) store.Replay {
	t.Helper()
	rp, err := s.Replay(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	rp.Records = 0
	return rp
}

func compact(t *testing.T, s store.Store) {
	ctx := context.Background()
	if r, err := s.Compact(ctx, store.CompactOptions{}); err != nil || r != (store.CompactResult{}) {
		t.Fatalf("compacting an empty journal: %+v %v", r, err)
	}
	a := acquire(t, s, "l0", "alice")
	acquire(t, s, "l2", "bob")
	s.Release(ctx, a.Lease.LeaseID, "alice", lease.ReleaseOf(*a.Lease, "h", "alice"))
	s.Append(ctx, halt(*a.Lease))
	acquire(t, s, "l4", "carol")
	before, evs := folded(t, s), tail(t, s)
	archive := filepath.Join(t.TempDir(), "history.jsonl")
	r, err := s.Compact(ctx, store.CompactOptions{Keep: 2, Archive: archive})
	if err != nil {
		t.Fatal(err)
	}
	after := tail(t, s)
	if r.EntriesBefore != len(evs) || r.EntriesAfter != 3 || len(after) != 3 || after[0].Record.Op != lease.OpCheckpoint {
		t.Fatalf("compact keep 2: %+v, journal %s", r, opsOf(after))
	}
	if !reflect.DeepEqual(after[1:], evs[len(evs)-2:]) {
		t.Fatalf("the newest two records changed:\n%s\n%s", after[1].Line, evs[len(evs)-2].Line)
	}
	if got := folded(t, s); !reflect.DeepEqual(got, before) {
		t.Fatalf("compaction changed the fold:\n%+v\n%+v", got, before)
	}
	if b, err := os.ReadFile(archive); err != nil || strings.Count(string(b), "\n") != len(evs)-2 {
		t.Fatalf("archive holds %q (%v), want the %d folded records", b, err, len(evs)-2)
	}
	if r, err := s.Compact(ctx, store.CompactOptions{Keep: 5}); err != nil || r.EntriesBefore != 3 || r.EntriesAfter != 3 || r.BytesReclaimed != 0 {
		t.Fatalf("a keep covering the journal: %+v %v", r, err)
	}
	if _, err := s.Compact(ctx, store.CompactOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := opsOf(tail(t, s)); got != "CHECKPOINT" {
		t.Fatalf("after a full compaction: %s", got)
	}
	if got := folded(t, s); !reflect.DeepEqual(got, before) {
		t.Fatalf("a second compaction changed the fold:\n%+v\n%+v", got, before)
	}
	d := acquire(t, s, "l6", "dave")
	for _, g := range before.Generations {
		if d.Generation <= g.Generation {
			t.Fatalf("generation %d reissued after compaction (had %v)", d.Generation, before.Generations)
		}
	}
	if seq, _ := s.Seq(ctx); seq <= before.Seq {
		t.Fatalf("seq went from %d to %d", before.Seq, seq)
	}
	if _, err := s.Compact(ctx, store.CompactOptions{Keep: -1}); !errors.Is(err, store.ErrNegativeKeep) {
		t.Fatalf("keep -1: %v", err)
	}
}

// lines are evs' lines, as an export holds them.
func lines(evs []store.Event) []json.RawMessage {
	out := make([]json.RawMessage, len(evs))
	for i, e := range evs {
		out[i] = e.Line
	}
	return out
}

// normalized is each line of evs without its seq.
func normalized(t *testing.T, evs []json.RawMessage) []string {
	t.Helper()
	out := make([]string, len(evs))
	for i, e := range evs {
		b, err := store.Normalize(e)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = string(b)
	}
	return out
}

func importCases(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := context.Background()
	src := open(t)
	a := acquire(t, src, "l0", "alice")
	b := acquire(t, src, "l2", "bob")
	src.Release(ctx, b.Lease.LeaseID, "bob", lease.ReleaseOf(*b.Lease, "h", "bob"))
	src.Append(ctx, halt(*a.Lease))
	exp, err := src.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	export := lines(exp)
	// a lease that expired long before the import
	old := time.Now().Add(-2 * time.Hour).UTC()
	ol := lease.Lease{Lane: "l4", LaneKind: "concurrent", Tree: []string{"pkg/2/"}, LoopTS: lease.FormatStamp(old),
		Holder: "olga", AcquiredAt: lease.FormatStamp(old), TTLMinutes: 1, LeaseID: "old"}
	oline, _ := json.Marshal(map[string]any{"op": lease.OpAcquire, "lane": ol.Lane, "loop_ts": ol.LoopTS, "lease": ol, "seq": 99, "ts": ol.AcquiredAt})
	export = append(export, oline)

	dst := open(t)
	res, err := dst.Import(ctx, store.ImportInput{Lines: export, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	if res.Already || res.Records != len(export) || lanes(res.Carried) != "l0" || lanes(res.Expired) != "l4" || res.Digest == "" {
		t.Fatalf("import: %+v", res)
	}
	got := tail(t, dst)
	want := append(normalized(t, export), "")
	if norm := normalized(t, lines(got)); len(norm) != len(want) || !reflect.DeepEqual(norm[:len(export)], want[:len(export)]) ||
		got[len(export)].Record.Op != lease.OpScavenge || got[len(export)].Record.Lane != "l4" {
		t.Fatalf("imported journal:\n%s\nwant the export's records then a SCAVENGE of l4:\n%s", strings.Join(norm, "\n"), strings.Join(want, "\n"))
	}
	for i := 1; i < len(got); i++ {
		if got[i].Record.Seq < got[i-1].Record.Seq {
			t.Fatalf("imported seq goes backwards at %d: %d after %d", i, got[i].Record.Seq, got[i-1].Record.Seq)
		}
	}
	live, err := dst.Live(ctx)
	if err != nil || len(live) != 1 {
		t.Fatalf("live after import: %v %v", live, err)
	}
	if l := live[0]; l.Lane != "l0" || l.Holder != "alice" || l.LoopTS != a.Lease.LoopTS || l.AcquiredAt != a.Lease.AcquiredAt || l.TTLMinutes != a.Lease.TTLMinutes {
		t.Fatalf("carried lease %+v, was %+v", l, *a.Lease)
	}
	if r := acquire(t, dst, "l1", "bob"); r.Lease != nil {
		t.Fatal("l1 granted over the imported l0")
	}
	n := len(tail(t, dst))
	if again, err := dst.Import(ctx, store.ImportInput{Lines: export, Now: time.Now()}); err != nil || !again.Already || again.Records != 0 {
		t.Fatalf("rerun: %+v %v", again, err)
	}
	if m := len(tail(t, dst)); m != n {
		t.Fatalf("a rerun wrote %d record(s)", m-n)
	}
	now := time.Now().UTC()
	dl := lease.Lease{Lane: "l6", LaneKind: "concurrent", Tree: []string{"pkg/3/"}, LoopTS: lease.FormatStamp(now),
		Holder: "dan", AcquiredAt: lease.FormatStamp(now), TTLMinutes: 10, LeaseID: "dan-1"}
	dline, _ := json.Marshal(map[string]any{"op": lease.OpAcquire, "lane": dl.Lane, "loop_ts": dl.LoopTS, "lease": dl, "seq": 1, "ts": dl.AcquiredAt})
	other := []json.RawMessage{dline}
	blocked, err := dst.Import(ctx, store.ImportInput{Lines: other, Now: time.Now()})
	if err != nil || lanes(blocked.Blocking) != "l0" || blocked.Records != 0 || len(tail(t, dst)) != n {
		t.Fatalf("an import over a live lease: %+v %v", blocked, err)
	}
	forced, err := dst.Import(ctx, store.ImportInput{Lines: other, Now: time.Now(), Force: true})
	if err != nil || lanes(forced.Replaced) != "l0" || lanes(forced.Carried) != "l6" || forced.Records != 1 {
		t.Fatalf("a forced import: %+v %v", forced, err)
	}
	live, _ = dst.Live(ctx)
	if len(live) != 1 || live[0].Holder != "dan" || live[0].LeaseID != "dan-1" {
		t.Fatalf("live after a forced import: %+v", live)
	}
	if ok, err := dst.Release(ctx, live[0].LeaseID, "dan", lease.ReleaseOf(live[0], "h", "dan")); !ok || err != nil {
		t.Fatalf("the holder could not release a carried lease: %v %v", ok, err)
	}
	if _, err := dst.Import(ctx, store.ImportInput{Lines: []json.RawMessage{[]byte("[1]")}}); err == nil {
		t.Fatal("a line that is not an object was imported")
	}
}

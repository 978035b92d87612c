//go:build etcd

package etcdstore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/storetest"
)

// count is the number of keys under the fleet's prefix p.
func count(t *testing.T, s *Store, p string) int64 {
	t.Helper()
	resp, err := s.cli.Get(context.Background(), s.key(p), clientv3.WithPrefix(), clientv3.WithCountOnly())
	if err != nil {
		t.Fatal(err)
	}
	return resp.Count
}

// Compaction deletes the folded events (more than one delete
// transaction's worth) and etcd's history of them; a value that is not a
// record reads as a _CORRUPT sentinel and survives compaction after the
// checkpoint.
func TestCompactDeletesFoldedEventsAndHistory(t *testing.T) {
	c := startCluster(t, 1)
	s := open(t, c.endpoints, "")
	ctx := context.Background()
	for i := range 300 {
		if _, err := s.Append(ctx, map[string]any{"op": lease.OpSpawn, "lane": "l0", "loop_ts": "T", "n": i}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.cli.Put(ctx, s.key("journal/", "zz-garbage"), "not a record"); err != nil {
		t.Fatal(err)
	}
	ev, err := s.Tail(ctx, 1)
	if err != nil || ev[0].Record.Op != lease.OpCorrupt || ev[0].Record.Raw != "not a record" {
		t.Fatalf("a bad value reads as %+v %v", ev, err)
	}
	old, _ := s.cli.Get(ctx, s.key("gate"))
	res, err := s.Compact(ctx, store.CompactOptions{Keep: 10})
	if err != nil {
		t.Fatal(err)
	}
	if res.EntriesBefore != 301 || res.EntriesAfter != 11 || res.BytesReclaimed <= 0 {
		t.Fatalf("compact: %+v", res)
	}
	if n := count(t, s, "journal/"); n != 10 {
		t.Fatalf("%d journal keys after compacting to 10", n)
	}
	if _, err := s.cli.Get(ctx, s.key("gate"), clientv3.WithRev(old.Header.Revision)); !errors.Is(err, rpctypes.ErrCompacted) {
		t.Fatalf("history before the compaction still readable: %v", err)
	}
	if _, err := s.Compact(ctx, store.CompactOptions{}); err != nil {
		t.Fatal(err)
	}
	ev, _ = s.Tail(ctx, 0)
	if len(ev) != 2 || ev[0].Record.Op != lease.OpCheckpoint || ev[1].Record.Op != lease.OpCorrupt || ev[1].Record.Raw != "not a record" {
		t.Fatalf("after a full compaction: %v", ev)
	}
}

// Compactions racing each other and appends never lose an event that
// was not folded, and leave the fold as one compaction would; compactions
// sharing one archive archive every folded event exactly once.
func TestConcurrentCompactions(t *testing.T) {
	c := startCluster(t, 1)
	s := open(t, c.endpoints, "")
	ctx := context.Background()
	archive := filepath.Join(t.TempDir(), "journal.archive")
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for w := range 4 {
		wg.Go(func() {
			for i := range 20 {
				if _, err := s.Append(ctx, map[string]any{"op": lease.OpSpawn, "lane": "l0", "loop_ts": "T", "who": fmt.Sprint(w, "-", i)}); err != nil {
					errs <- err
				}
			}
		})
		wg.Go(func() {
			for range 5 {
				if _, err := s.Compact(ctx, store.CompactOptions{Keep: 3, Archive: archive}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	left, err := s.Tail(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkOnce(t, archive, left, 80)
	if _, err := s.Compact(ctx, store.CompactOptions{Archive: archive}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, "journal/"); n != 0 {
		t.Fatalf("%d journal keys left after a full compaction", n)
	}
	checkOnce(t, archive, nil, 80)
	seq, _ := s.Seq(ctx)
	rev, _ := s.cli.Get(ctx, s.key("checkpoint"))
	if seq <= 0 || seq >= rev.Header.Revision {
		t.Fatalf("seq %d, revision %d", seq, rev.Header.Revision)
	}
}

// A compaction that died after appending to the archive and before its
// transaction left those records in the archive and in the journal; the
// next compaction archives only what follows them.
func TestCompactArchivesOnceAfterACrash(t *testing.T) {
	c := startCluster(t, 1)
	s := open(t, c.endpoints, "")
	ctx := context.Background()
	archive := filepath.Join(t.TempDir(), "journal.archive")
	for i := range 6 {
		if _, err := s.Append(ctx, map[string]any{"op": lease.OpSpawn, "lane": "l0", "loop_ts": "T", "who": fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	evs, err := s.Tail(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	var died bytes.Buffer
	for _, e := range evs[:4] {
		died.Write(e.Line)
		died.WriteByte('\n')
	}
	if err := os.WriteFile(archive, died.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Compact(ctx, store.CompactOptions{Keep: 1, Archive: archive}); err != nil {
		t.Fatal(err)
	}
	left, err := s.Tail(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkOnce(t, archive, left, 6)
}

// checkOnce fails unless each of the n appended "who" values is in
// exactly one place: a line of the archive or an event of left.
func checkOnce(t *testing.T, archive string, left []store.Event, n int) {
	t.Helper()
	b, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	add := func(line []byte) {
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("archive line %q: %v", line, err)
		}
		if w, ok := m["who"].(string); ok {
			seen[w]++
		}
	}
	for line := range bytes.Lines(b) {
		add(bytes.TrimSuffix(line, []byte("\n")))
	}
	for _, e := range left {
		add(e.Line)
	}
	twice := 0
	for w, k := range seen {
		if k != 1 {
			twice++
			t.Logf("%s appears %d times", w, k)
		}
	}
	if len(seen) != n || twice > 0 {
		t.Fatalf("%d of %d records seen, %d of them more than once", len(seen), n, twice)
	}
}

// A rerun after an import that stopped halfway writes only what is
// missing: every record once, in order.
func TestImportResumes(t *testing.T) {
	c := startCluster(t, 1)
	s := open(t, c.endpoints, "")
	ctx := context.Background()
	var lines []json.RawMessage
	for i := range 250 {
		b, _ := json.Marshal(map[string]any{"op": lease.OpSpawn, "lane": "l0", "loop_ts": "T", "seq": i + 1, "n": i})
		lines = append(lines, b)
	}
	plan, err := store.PlanImport(lines[:120], s.expiry(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	full, _ := store.PlanImport(lines, s.expiry(), time.Now())
	plan.Digest = full.Digest // the first run of the same import wrote 120 records, then stopped
	if err := s.writeRecords(ctx, plan, time.Now()); err != nil {
		t.Fatal(err)
	}
	// and a compaction folded most of them: keep 25 cuts inside the first
	// batch (records 0..99, one transaction), so it keeps the second (20)
	if _, err := s.Compact(ctx, store.CompactOptions{Keep: 25}); err != nil {
		t.Fatal(err)
	}
	res, err := s.Import(ctx, store.ImportInput{Lines: lines, Now: time.Now()})
	if err != nil || res.Records != 250 {
		t.Fatalf("resumed import: %+v %v", res, err)
	}
	ev, _ := s.Tail(ctx, 0)
	if len(ev) != 1+20+130 || ev[0].Record.Op != lease.OpCheckpoint {
		t.Fatalf("%d records after a resumed import of 250 (a checkpoint, 20 kept, 130 more)", len(ev))
	}
	for i, e := range ev[1:] {
		i += 100
		var m map[string]any
		json.Unmarshal(e.Line, &m)
		if m["n"] != float64(i) {
			t.Fatalf("record %d is %s", i, e.Line)
		}
	}
	if n := count(t, s, "importing/"); n != 0 {
		t.Fatalf("%d import claims left", n)
	}
	again, err := s.Import(ctx, store.ImportInput{Lines: lines, Now: time.Now()})
	if err != nil || !again.Already {
		t.Fatalf("rerun: %+v %v", again, err)
	}
}

// A carried lease's fencing generation is the revision that created its
// lease key on import, and journal replay reports that one.
func TestImportedLeaseGenerationIsItsKeyRevision(t *testing.T) {
	c := startCluster(t, 1)
	s := open(t, c.endpoints, "")
	ctx := context.Background()
	now := time.Now().UTC()
	l := lease.Lease{Lane: "l0", LaneKind: "concurrent", Tree: []string{"pkg/0/"}, LoopTS: lease.FormatStamp(now), Holder: "a", AcquiredAt: lease.FormatStamp(now), TTLMinutes: 10}
	b, _ := json.Marshal(map[string]any{"op": lease.OpAcquire, "lane": "l0", "loop_ts": l.LoopTS, "lease": l, "seq": 7})
	res, err := s.Import(ctx, store.ImportInput{Lines: []json.RawMessage{b}, Now: now})
	if err != nil || len(res.Carried) != 1 {
		t.Fatalf("import: %+v %v", res, err)
	}
	live, _ := s.Live(ctx)
	if len(live) != 1 || live[0].LeaseID == "" {
		t.Fatalf("carried lease without an id: %+v", live)
	}
	kv, _ := s.cli.Get(ctx, s.key("lease/", live[0].LeaseID))
	rp, err := s.Replay(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []lease.Generation{{LoopTS: l.LoopTS, Lane: "l0", Generation: kv.Kvs[0].CreateRevision}}
	if !reflect.DeepEqual(rp.Generations, want) {
		t.Fatalf("generations %+v, want %+v", rp.Generations, want)
	}
	ttl, _ := s.cli.TimeToLive(ctx, clientv3.LeaseID(kv.Kvs[0].Lease))
	if ttl.GrantedTTL != 600 {
		t.Fatalf("the carried lease's etcd TTL is %ds, want its ttl of 600s", ttl.GrantedTTL)
	}
}

// A lease kept alive by heartbeats (which renew the etcd lease and
// journal nothing) stays live in the export's fold by the expiry rule,
// though its recorded stamps alone have run out.
func TestExportCarriesKeepAlives(t *testing.T) {
	c := startCluster(t, 1)
	s := open(t, c.endpoints, "")
	ctx := context.Background()
	res, err := store.Acquire(ctx, s, time.Now(), storetest.Config("h"), store.AcquireInput{
		Request: admission.Request{Lane: "l0", Owner: "a"}, TTLMinutes: 2.0 / 60})
	if err != nil || res.Lease == nil {
		t.Fatal(err)
	}
	for range 2 {
		time.Sleep(1200 * time.Millisecond)
		if ok, err := s.Heartbeat(ctx, res.Lease.LeaseID, "a"); !ok || err != nil {
			t.Fatalf("beat: %v %v", ok, err)
		}
	}
	lines := func(evs []store.Event) []json.RawMessage {
		var out []json.RawMessage
		for _, e := range evs {
			out = append(out, e.Line)
		}
		return out
	}
	tail, _ := s.Tail(ctx, 0)
	exp, err := s.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp) != len(tail)+1 || exp[len(exp)-1].Record.Op != lease.OpHeartbeat || exp[len(exp)-1].Record.Reason != KeepAliveReason {
		t.Fatalf("export adds no keep-alive beat: %v", exp)
	}
	now := time.Now()
	if p, _ := store.PlanImport(lines(tail), s.expiry(), now); len(p.Expired) != 1 {
		t.Fatalf("the journal's own stamps should have run out: %+v", p.Carried)
	}
	if p, _ := store.PlanImport(lines(exp), s.expiry(), now); len(p.Carried) != 1 || p.Carried[0].LeaseID != res.Lease.LeaseID {
		t.Fatalf("the export's fold lost the kept-alive lease: carried %+v expired %+v", p.Carried, p.Expired)
	}
}

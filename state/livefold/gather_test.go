package livefold

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/liveness"
)

var t0 = time.Date(2026, 1, 1, 10, 0, 0, 0, time.UTC)

// randomLine writes one journal record of a small world: 3 lanes, 3 loop
// stamps, every op the fold reads, SPAWN and HALT, times that may be
// missing, unparseable, fractional or in the future, and now and then a
// line that is not a record.
func randomLine(r *rand.Rand, seq int) string {
	lane := fmt.Sprintf("l%d", r.IntN(3))
	loop := t0.Add(time.Duration(r.IntN(3)) * time.Hour).Format(time.RFC3339)
	at := t0.Add(time.Duration(r.IntN(6*3600)) * time.Second)
	ts := `"ts":"` + at.Format(time.RFC3339) + `",`
	switch r.IntN(12) {
	case 0:
		ts = ""
	case 1:
		ts = `"ts":"yesterday",`
	case 2:
		ts = `"ts":"` + at.Add(123*time.Millisecond).Format(time.RFC3339Nano) + `",`
	}
	switch r.IntN(14) {
	case 0, 1, 2:
		return fmt.Sprintf(`{"op":"ACQUIRE","seq":%d,%s"lane":%q,"loop_ts":%q,"lease":{"lane":%q,"loop_ts":%q,"acquired_at":%q}}`, seq, ts, lane, loop, lane, loop, loop)
	case 3, 4, 5, 6:
		return fmt.Sprintf(`{"op":"HEARTBEAT","seq":%d,%s"lane":%q,"loop_ts":%q,"heartbeat_at":%q}`, seq, ts, lane, loop, at.Format(time.RFC3339))
	case 7:
		return fmt.Sprintf(`{"op":"RELEASE","seq":%d,%s"lane":%q,"loop_ts":%q}`, seq, ts, lane, loop)
	case 8:
		return fmt.Sprintf(`{"op":"SCAVENGE","seq":%d,%s"lane":%q,"loop_ts":%q}`, seq, ts, lane, loop)
	case 9:
		return fmt.Sprintf(`{"op":"RECONCILE","seq":%d,%s"lane":%q,"loop_ts":%q,"lease":{"lane":%q,"loop_ts":%q}}`, seq, ts, lane, loop, lane, loop)
	case 10:
		return fmt.Sprintf(`{"op":"SPAWN","seq":%d,%s"lane":%q,"loop_ts":%q,"run_id":"RID-X"}`, seq, ts, lane, loop)
	case 11:
		reason := "watchdog: SPINNING (no forward delta)"
		if r.IntN(3) == 0 {
			reason = "halt:operator"
		}
		return fmt.Sprintf(`{"op":"HALT","seq":%d,%s"lane":%q,"loop_ts":%q,"run_id":"RID-%d","reason":%q}`, seq, ts, lane, loop, r.IntN(3), reason)
	case 12:
		return `{"op":"CHECKPOINT","leases":[],"seq_watermark":1}`
	}
	return `not a record {`
}

// oracle is the definition: every record decoded and folded.
func oracle(t *testing.T, path string, qs []Query, nowMS int64) Result {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	res := Result{Facts: map[lease.Identity]Facts{}, LastSpawnMS: map[string]int64{}, LastHaltMS: map[string]int64{}}
	folds := map[lease.Identity]*liveness.JournalFold{}
	for _, q := range qs {
		folds[q.ID] = liveness.NewJournalFold(q.ID, q.RunStartedMS, nowMS)
	}
	for _, line := range strings.Split(string(b), "\n") {
		r, err := lease.DecodeRecord([]byte(line))
		if err != nil {
			continue
		}
		ms, ok := liveness.RecordMS(r)
		ok = ok && ms <= nowMS+liveness.SkewMS
		if r.Op == lease.OpSpawn && r.Lane != "" && ok && ms > res.LastSpawnMS[r.Lane] {
			res.LastSpawnMS[r.Lane] = ms
		}
		if r.Op == lease.OpHalt && r.RunID != "" && IsWatchdogHalt(r) && ok && ms > res.LastHaltMS[r.RunID] {
			res.LastHaltMS[r.RunID] = ms
		}
		if f := folds[liveness.RecordIdentity(r)]; f != nil {
			f.Apply(r)
		}
	}
	for id, f := range folds {
		res.Facts[id] = facts(f)
	}
	return res
}

// records is every line of the journal at path that decodes, in order:
// what a fleet's Events hands Records.
func records(t *testing.T, path string) []lease.Record {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []lease.Record
	for _, line := range strings.Split(string(b), "\n") {
		if r, err := lease.DecodeRecord([]byte(line)); err == nil {
			out = append(out, r)
		}
	}
	return out
}

func queries(r *rand.Rand) []Query {
	var qs []Query
	for i := 0; i < 1+r.IntN(4); i++ {
		qs = append(qs, Query{
			ID:           lease.Identity{Lane: fmt.Sprintf("l%d", r.IntN(4)), LoopTS: t0.Add(time.Duration(r.IntN(3)) * time.Hour).Format(time.RFC3339)},
			RunStartedMS: t0.Add(time.Duration(r.IntN(4*3600)) * time.Second).UnixMilli(),
		})
	}
	return qs
}

// The cached gather (built, then extended by appends, then rebuilt after a
// rewrite) and the uncached scan agree with folding every record, for any
// journal, queries and clock. Practice 6: a fast path with its oracle.
func TestGatherMatchesTheFullFold(t *testing.T) {
	seeds := uint64(30)
	if testing.Short() {
		seeds = 6
	}
	for seed := uint64(1); seed <= seeds; seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		dir := t.TempDir()
		path := filepath.Join(dir, "lane-journal.jsonl")
		cache := filepath.Join(dir, "cache")
		seq := 0
		for step := 0; step < 6; step++ {
			n := []int{0, 5, 150, 1, 300, 40}[step]
			f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < n; i++ {
				seq++
				fmt.Fprintln(f, randomLine(r, seq))
			}
			if step == 3 && r.IntN(2) == 0 {
				fmt.Fprint(f, `{"op":"HEARTBEAT","lane":"l1","loop_ts":"`+t0.Format(time.RFC3339)+`","ts":"`+t0.Add(time.Hour).Format(time.RFC3339)+`"}`)
			}
			f.Close()
			for k := 0; k < 4; k++ {
				qs := queries(r)
				nowMS := t0.Add(time.Duration(r.IntN(8*3600)) * time.Second).UnixMilli()
				want := oracle(t, path, qs, nowMS)
				for _, dir := range []string{"", cache} {
					got, err := Gather(path, qs, Options{NowMS: nowMS, CacheDir: dir})
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(got, want) {
						t.Fatalf("seed %d step %d cache %q now %d:\n got %+v\nwant %+v", seed, step, dir, nowMS, got, want)
					}
				}
				if got := Records(records(t, path), qs, nowMS); !reflect.DeepEqual(got, want) {
					t.Fatalf("seed %d step %d, Records over the decoded journal:\n got %+v\nwant %+v", seed, step, got, want)
				}
			}
			if step == 3 {
				// A torn tail is finished by the next writer.
				f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0o644)
				f.WriteString("\n")
				f.Close()
			}
		}
		// Compaction renames a new file into place: the summary is rebuilt.
		tmp := path + ".new"
		os.WriteFile(tmp, []byte(randomLine(r, 1)+"\n"+randomLine(r, 2)+"\n"), 0o644)
		os.Rename(tmp, path)
		qs := queries(r)
		nowMS := t0.Add(3 * time.Hour).UnixMilli()
		got, err := Gather(path, qs, Options{NowMS: nowMS, CacheDir: cache})
		if err != nil || !reflect.DeepEqual(got, oracle(t, path, qs, nowMS)) {
			t.Fatalf("seed %d after compaction: %v %+v", seed, err, got)
		}
	}
}

// Many heartbeats on one live lease: the summary keeps only the newest,
// and a clock older than all of them reads the journal instead.
func TestGatherDroppedBeats(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "j.jsonl")
	var b strings.Builder
	loop := t0.Format(time.RFC3339)
	fmt.Fprintf(&b, `{"op":"ACQUIRE","ts":%q,"lane":"a","loop_ts":%q,"lease":{"lane":"a","loop_ts":%q}}`+"\n", loop, loop, loop)
	for i := 1; i <= 300; i++ {
		fmt.Fprintf(&b, `{"op":"HEARTBEAT","ts":%q,"lane":"a","loop_ts":%q}`+"\n", t0.Add(time.Duration(i)*time.Minute).Format(time.RFC3339), loop)
	}
	os.WriteFile(path, []byte(b.String()), 0o644)
	q := []Query{{ID: lease.Identity{Lane: "a", LoopTS: loop}, RunStartedMS: t0.UnixMilli()}}
	for _, now := range []time.Time{t0.Add(400 * time.Minute), t0.Add(100 * time.Minute), t0.Add(-time.Minute)} {
		got, err := Gather(path, q, Options{NowMS: now.UnixMilli(), CacheDir: filepath.Join(dir, "c")})
		if err != nil || !reflect.DeepEqual(got, oracle(t, path, q, now.UnixMilli())) {
			t.Fatalf("now %v: %v %+v", now, err, got)
		}
	}
	if _, err := os.Stat(CachePath(filepath.Join(dir, "c"), path)); err != nil {
		t.Fatalf("no cache saved: %v", err)
	}
}

func TestGatherMissingJournal(t *testing.T) {
	q := []Query{{ID: lease.Identity{Lane: "a", LoopTS: "x"}}}
	got, err := Gather(filepath.Join(t.TempDir(), "none"), q, Options{NowMS: 5, CacheDir: t.TempDir()})
	if err != nil || got.Facts[q[0].ID].HeartbeatAgeMS != nil || len(got.LastSpawnMS) != 0 {
		t.Fatalf("%v %+v", err, got)
	}
}

// A gather saves the summary; the next one starts from it and reads only
// what was appended.
func TestGatherReusesTheSummary(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "j.jsonl")
	r := rand.New(rand.NewPCG(3, 3))
	var b strings.Builder
	for i := 0; i < 500; i++ {
		b.WriteString(randomLine(r, i) + "\n")
	}
	os.WriteFile(path, []byte(b.String()), 0o644)
	cache := filepath.Join(dir, "c")
	if _, err := Gather(path, nil, Options{NowMS: 1, CacheDir: cache}); err != nil {
		t.Fatal(err)
	}
	f, fi, _ := openJournal(path)
	defer f.Close()
	s, off := load(CachePath(cache, path), f, fi)
	if s == nil || off != fi.Size() {
		t.Fatalf("summary not saved at the end: %v %d/%d", s != nil, off, fi.Size())
	}
	os.WriteFile(CachePath(cache, path), []byte("garbage"), 0o644)
	if s, _ := load(CachePath(cache, path), f, fi); s != nil {
		t.Fatal("a corrupt cache was trusted")
	}
}

// A cache that is a symlink is a state file dos never follows: its
// summary is not trusted even when it describes this journal.
func TestGatherIgnoresASymlinkedCache(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "j.jsonl")
	os.WriteFile(path, []byte(randomLine(rand.New(rand.NewPCG(4, 4)), 0)+"\n"), 0o644)
	cache := filepath.Join(dir, "c")
	if _, err := Gather(path, nil, Options{NowMS: 1, CacheDir: cache}); err != nil {
		t.Fatal(err)
	}
	cp := CachePath(cache, path)
	elsewhere := filepath.Join(dir, "elsewhere")
	if err := os.Rename(cp, elsewhere); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(elsewhere, cp); err != nil {
		t.Skip("no symlinks here:", err)
	}
	f, fi, _ := openJournal(path)
	defer f.Close()
	if s, _ := load(cp, f, fi); s != nil {
		t.Fatal("a symlinked cache was followed and trusted")
	}
}

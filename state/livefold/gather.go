package livefold

import (
	"bytes"
	"os"
	"runtime"
	"sync"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/liveness"
)

// Query asks for the journal rungs of one lease identity whose run started
// at RunStartedMS.
type Query struct {
	ID           lease.Identity
	RunStartedMS int64
}

// Facts are the journal rungs of one identity.
type Facts struct {
	// Events counts progress records since the run started.
	Events int
	// HeartbeatAgeMS is now minus the newest credible beat; nil if none.
	HeartbeatAgeMS *int64
	// ProgressMS is the newest progress instant; HasProgress says whether
	// there is one.
	ProgressMS  int64
	HasProgress bool
}

// Result is what one gather found.
type Result struct {
	// Facts holds the rungs of every queried identity.
	Facts map[lease.Identity]Facts
	// LastSpawnMS is the newest credible SPAWN per lane.
	LastSpawnMS map[string]int64
	// LastHaltMS is the newest credible watchdog HALT per run id.
	LastHaltMS map[string]int64
}

// Options tune a gather.
type Options struct {
	// NowMS is the clock the rungs are judged at.
	NowMS int64
	// CacheDir holds the journal's summary between calls (normally
	// <git-common-dir>/dos); empty reads the journal afresh each time,
	// decoding only the lines that name a queried lane, SPAWN or HALT.
	CacheDir string
}

// Gather answers the queries over the journal at path, with the newest
// SPAWN per lane and watchdog HALT per run. With a cache directory, the
// journal's prefix is read from its summary and only the lines appended
// since are decoded (the summary is saved again when many were); an
// identity or key the summary cannot answer exactly is read from the
// journal itself. Either way the answer is what folding every record with
// liveness.JournalFold gives.
func Gather(path string, qs []Query, o Options) (Result, error) {
	f, fi, err := openJournal(path)
	if err != nil {
		return Result{}, err
	}
	if f == nil {
		return scan(nil, nil, qs, o.NowMS, false, false)
	}
	defer f.Close()
	if o.CacheDir == "" {
		return scan(f, fi, qs, o.NowMS, true, true)
	}
	cp := CachePath(o.CacheDir, path)
	s, off := load(cp, f, fi)
	fresh := s == nil
	if fresh {
		s, off = newSummary(), 0
	}
	lines := 0
	var partial []byte
	end, err := blocks(f, off, fi.Size(), func(at int64, data []byte) {
		if !bytes.HasSuffix(data, []byte("\n")) {
			partial = bytes.Clone(data)
			return
		}
		for _, r := range decodeBlock(data) {
			lines++
			if r.Op != "" {
				s.add(r)
			}
		}
	})
	if err != nil {
		return Result{}, err
	}
	if fresh || lines >= saveEvery {
		save(cp, f, fi, end, s)
	}
	if r, err := lease.DecodeRecord(partial); len(partial) > 0 && err == nil {
		s.add(r)
	}
	return answer(f, fi, s, qs, o.NowMS)
}

// answer reads the queries off the summary, and the rest off the journal.
func answer(f *os.File, fi os.FileInfo, s *summary, qs []Query, nowMS int64) (Result, error) {
	res := Result{Facts: map[lease.Identity]Facts{}, LastSpawnMS: map[string]int64{}, LastHaltMS: map[string]int64{}}
	var rest []Query
	for _, q := range qs {
		in := s.idents[q.ID]
		switch {
		case in == nil && !s.isSeen(hashID(q.ID)):
			res.Facts[q.ID] = facts(liveness.NewJournalFold(q.ID, q.RunStartedMS, nowMS))
		case in != nil && in.answers(nowMS):
			fold := liveness.NewJournalFold(q.ID, q.RunStartedMS, nowMS)
			in.fold(fold)
			res.Facts[q.ID] = facts(fold)
		default:
			rest = append(rest, q)
		}
	}
	spawnsExact, haltsExact := newest(s.spawns, nowMS, res.LastSpawnMS), newest(s.halts, nowMS, res.LastHaltMS)
	if len(rest) == 0 && spawnsExact && haltsExact {
		return res, nil
	}
	more, err := scan(f, fi, rest, nowMS, !spawnsExact, !haltsExact)
	if err != nil {
		return Result{}, err
	}
	for k, v := range more.Facts {
		res.Facts[k] = v
	}
	if !spawnsExact {
		res.LastSpawnMS = more.LastSpawnMS
	}
	if !haltsExact {
		res.LastHaltMS = more.LastHaltMS
	}
	return res, nil
}

// newest fills out with each key's newest credible time; false when some
// key cannot be answered exactly.
func newest(m map[string]*times, nowMS int64, out map[string]int64) bool {
	for k, t := range m {
		ms, ok, exact := t.newest(nowMS)
		if !exact {
			return false
		}
		if ok {
			out[k] = ms
		}
	}
	return true
}

func facts(f *liveness.JournalFold) Facts {
	fa := Facts{Events: f.Events(), HeartbeatAgeMS: f.HeartbeatAgeMS()}
	fa.ProgressMS, fa.HasProgress = f.NewestProgressMS()
	return fa
}

// scan folds the whole journal, decoding only the lines that name a
// queried lane (every line when a lane cannot be found by its bytes), and
// SPAWN and HALT lines when asked for.
func scan(f *os.File, fi os.FileInfo, qs []Query, nowMS int64, spawns, halts bool) (Result, error) {
	fo := newFolder(qs, nowMS, spawns, halts)
	var needles [][]byte
	all, lanes := false, map[string]bool{}
	for _, q := range qs {
		if lanes[q.ID.Lane] {
			continue
		}
		lanes[q.ID.Lane] = true
		n := Needle(q.ID.Lane)
		all = all || n == nil
		needles = append(needles, n)
	}
	if spawns {
		needles = append(needles, Needle(lease.OpSpawn))
	}
	if halts {
		needles = append(needles, Needle(lease.OpHalt))
	}
	apply := func(_ int64, line []byte) {
		if r, err := lease.DecodeRecord(line); err == nil {
			fo.apply(r)
		}
	}
	if f != nil && len(needles) > 0 {
		_, err := blocks(f, 0, fi.Size(), func(at int64, data []byte) {
			if all {
				eachLine(at, data, apply)
			} else {
				matching(at, data, needles, apply)
			}
		})
		if err != nil {
			return Result{}, err
		}
	}
	return fo.result(), nil
}

// Records answers the queries over records already read (a fleet's
// events, in write order), with the newest SPAWN per lane and watchdog
// HALT per run: what Gather answers for a journal holding them.
func Records(recs []lease.Record, qs []Query, nowMS int64) Result {
	fo := newFolder(qs, nowMS, true, true)
	for _, r := range recs {
		fo.apply(r)
	}
	return fo.result()
}

// folder folds records, in order, into the rungs of the queried
// identities and, when asked, the newest SPAWN and watchdog HALT times.
type folder struct {
	res           Result
	folds         map[lease.Identity]*liveness.JournalFold
	nowMS         int64
	spawns, halts bool
}

func newFolder(qs []Query, nowMS int64, spawns, halts bool) *folder {
	fo := &folder{res: Result{Facts: map[lease.Identity]Facts{}, LastSpawnMS: map[string]int64{}, LastHaltMS: map[string]int64{}},
		folds: map[lease.Identity]*liveness.JournalFold{}, nowMS: nowMS, spawns: spawns, halts: halts}
	for _, q := range qs {
		fo.folds[q.ID] = liveness.NewJournalFold(q.ID, q.RunStartedMS, nowMS)
	}
	return fo
}

// credible is r's time when it is no further ahead of now than the skew.
func (fo *folder) credible(r lease.Record) (int64, bool) {
	ms, ok := liveness.RecordMS(r)
	return ms, ok && ms <= fo.nowMS+liveness.SkewMS
}

// apply folds one record.
func (fo *folder) apply(r lease.Record) {
	switch {
	case fo.spawns && r.Op == lease.OpSpawn && r.Lane != "":
		if ms, ok := fo.credible(r); ok && ms > fo.res.LastSpawnMS[r.Lane] {
			fo.res.LastSpawnMS[r.Lane] = ms
		}
	case fo.halts && r.Op == lease.OpHalt && r.RunID != "" && IsWatchdogHalt(r):
		if ms, ok := fo.credible(r); ok && ms > fo.res.LastHaltMS[r.RunID] {
			fo.res.LastHaltMS[r.RunID] = ms
		}
	}
	if fold := fo.folds[liveness.RecordIdentity(r)]; fold != nil {
		fold.Apply(r)
	}
}

// result is the fold's answer.
func (fo *folder) result() Result {
	for id, fold := range fo.folds {
		fo.res.Facts[id] = facts(fold)
	}
	return fo.res
}

// decodeBlock decodes every line of a block of whole lines, in order, on
// every CPU when the block is large; a line that is not a record decodes
// to the zero Record.
func decodeBlock(data []byte) []lease.Record {
	var lines [][]byte
	eachLine(0, data, func(_ int64, line []byte) { lines = append(lines, line) })
	out := make([]lease.Record, len(lines))
	decode := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if r, err := lease.DecodeRecord(lines[i]); err == nil {
				out[i] = r
			}
		}
	}
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 || len(lines) < 512 {
		decode(0, len(lines))
		return out
	}
	var wg sync.WaitGroup
	step := (len(lines) + workers - 1) / workers
	for lo := 0; lo < len(lines); lo += step {
		wg.Add(1)
		go func(lo, hi int) {
			defer wg.Done()
			decode(lo, hi)
		}(lo, min(lo+step, len(lines)))
	}
	wg.Wait()
	return out
}

package livefold

import (
	"hash/fnv"
	"slices"
	"strings"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/liveness"
)

// keepBeats is how many of an identity's newest heartbeats a summary
// keeps; keepTimes the same for SPAWN and watchdog HALT times per key;
// maxProgress bounds the progress records kept per identity.
const (
	keepBeats   = 4
	keepTimes   = 4
	maxProgress = 256
)

// mini is a journal record reduced to what the liveness fold reads.
type mini struct {
	Op string `json:"o"`
	MS int64  `json:"t"`
}

// ident is one identity's records of a journal prefix, reduced so that
// folding them (then the records after the prefix) with
// liveness.JournalFold gives what folding every record would: the first
// ACQUIRE (the lease's birth), every progress record, and the newest
// heartbeats, in file order.
type ident struct {
	LoopTS string `json:"loop_ts"`
	Lane   string `json:"lane"`
	Recs   []mini `json:"recs"`
	// BeatsDropped says older heartbeats were left out.
	BeatsDropped bool `json:"beats_dropped,omitempty"`
	// Overflow says progress records were left out: the summary cannot
	// answer for this identity.
	Overflow bool `json:"overflow,omitempty"`
	// Unknown says the identity had records before the summary began that
	// it does not hold: it cannot answer either.
	Unknown bool `json:"unknown,omitempty"`
	born    bool
	beats   int
}

// add folds one record of this identity into the summary.
func (s *ident) add(r lease.Record) {
	ms, ok := liveness.RecordMS(r)
	if !ok {
		return
	}
	switch r.Op {
	case lease.OpAcquire:
		if !s.born {
			s.born = true
			s.Recs = append(s.Recs, mini{r.Op, ms})
			return
		}
		s.progress(r.Op, ms)
	case lease.OpRelease, lease.OpScavenge, lease.OpReconcile:
		s.progress(r.Op, ms)
	case lease.OpHeartbeat:
		s.Recs = append(s.Recs, mini{r.Op, ms})
		s.beats++
		if s.beats > keepBeats {
			s.dropOldestBeat()
		}
	}
}

func (s *ident) progress(op string, ms int64) {
	n := 0
	for _, m := range s.Recs {
		if m.Op != lease.OpHeartbeat {
			n++
		}
	}
	if n > maxProgress {
		s.Overflow = true
		return
	}
	s.Recs = append(s.Recs, mini{op, ms})
}

// dropOldestBeat removes the heartbeat with the smallest time.
func (s *ident) dropOldestBeat() {
	at := -1
	for i, m := range s.Recs {
		if m.Op == lease.OpHeartbeat && (at < 0 || m.MS < s.Recs[at].MS) {
			at = i
		}
	}
	s.Recs = slices.Delete(s.Recs, at, at+1)
	s.beats--
	s.BeatsDropped = true
}

// restore rebuilds the counters of a summary read from the cache.
func (s *ident) restore() {
	for _, m := range s.Recs {
		switch m.Op {
		case lease.OpAcquire:
			s.born = true
		case lease.OpHeartbeat:
			s.beats++
		}
	}
}

// fold replays the kept records into f.
func (s *ident) fold(f *liveness.JournalFold) {
	id := lease.Identity{LoopTS: s.LoopTS, Lane: s.Lane}
	for _, m := range s.Recs {
		f.Apply(lease.Record{Op: m.Op, Lane: id.Lane, LoopTS: id.LoopTS, TS: msTime(m.MS).Format(time.RFC3339Nano)})
	}
}

// answers reports whether the kept records give the exact rungs at nowMS:
// no progress was dropped, and when heartbeats were, a kept one is
// credible (so every dropped one is older than the newest credible beat).
func (s *ident) answers(nowMS int64) bool {
	if s.Overflow || s.Unknown {
		return false
	}
	if !s.BeatsDropped {
		return true
	}
	for _, m := range s.Recs {
		if m.Op == lease.OpHeartbeat && m.MS <= nowMS+liveness.SkewMS {
			return true
		}
	}
	return false
}

// times keeps the newest few times of a key (a lane's SPAWNs, a run's
// watchdog HALTs).
type times struct {
	MS      []int64 `json:"ms"`
	Dropped bool    `json:"dropped,omitempty"`
}

func (t *times) add(ms int64) {
	t.MS = append(t.MS, ms)
	if len(t.MS) > keepTimes {
		i := slices.Index(t.MS, slices.Min(t.MS))
		t.MS = slices.Delete(t.MS, i, i+1)
		t.Dropped = true
	}
}

// newest is the newest credible time; ok is false when there is none,
// and exact is false when an older dropped time might be the answer.
func (t *times) newest(nowMS int64) (ms int64, ok, exact bool) {
	for _, m := range t.MS {
		if m <= nowMS+liveness.SkewMS && (!ok || m > ms) {
			ms, ok = m, true
		}
	}
	return ms, ok, ok || !t.Dropped
}

// summary is the state of a journal prefix the gatherer keeps: the
// identities' reduced records, the hashes of every identity seen, and the
// newest SPAWN and watchdog HALT times.
type summary struct {
	idents map[lease.Identity]*ident
	// seen holds the hash of every identity with a record in the prefix
	// that idents no longer holds: sorted as loaded, plus those added since.
	seen   []uint64
	added  map[uint64]bool
	spawns map[string]*times
	halts  map[string]*times
	state  *lease.State
}

func newSummary() *summary {
	return &summary{idents: map[lease.Identity]*ident{}, added: map[uint64]bool{}, spawns: map[string]*times{},
		halts: map[string]*times{}, state: &lease.State{}}
}

// add folds one record, in file order.
func (s *summary) add(r lease.Record) {
	s.state.Apply(r)
	switch r.Op {
	case lease.OpSpawn:
		if ms, ok := liveness.RecordMS(r); ok && r.Lane != "" {
			key(s.spawns, r.Lane).add(ms)
		}
		return
	case lease.OpHalt:
		if ms, ok := liveness.RecordMS(r); ok && r.RunID != "" && IsWatchdogHalt(r) {
			key(s.halts, r.RunID).add(ms)
		}
		return
	case lease.OpAcquire, lease.OpHeartbeat, lease.OpRelease, lease.OpScavenge, lease.OpReconcile:
	default:
		return
	}
	id := liveness.RecordIdentity(r)
	if id == (lease.Identity{}) {
		return
	}
	in := s.idents[id]
	if in == nil {
		in = &ident{LoopTS: id.LoopTS, Lane: id.Lane, Unknown: s.isSeen(hashID(id))}
		s.idents[id] = in
	}
	in.add(r)
}

// prune keeps full records only for identities live in the fold; the
// others are remembered by hash.
func (s *summary) prune() {
	live := map[lease.Identity]bool{}
	for _, l := range s.state.Live() {
		live[l.ID()] = true
	}
	for id := range s.idents {
		if !live[id] {
			s.added[hashID(id)] = true
			delete(s.idents, id)
		}
	}
}

// isSeen reports whether an identity had records the summary dropped.
func (s *summary) isSeen(h uint64) bool {
	_, found := slices.BinarySearch(s.seen, h)
	return found || s.added[h]
}

// seenAll is every seen hash, sorted.
func (s *summary) seenAll() []uint64 {
	out := slices.Clone(s.seen)
	for h := range s.added {
		out = append(out, h)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func key(m map[string]*times, k string) *times {
	t := m[k]
	if t == nil {
		t = &times{}
		m[k] = t
	}
	return t
}

// IsWatchdogHalt reports a HALT the watchdog recorded.
func IsWatchdogHalt(r lease.Record) bool { return strings.HasPrefix(r.Reason, "watchdog:") }

// hashID is a 64-bit FNV-1a hash of an identity.
func hashID(id lease.Identity) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id.LoopTS))
	h.Write([]byte{0})
	h.Write([]byte(id.Lane))
	return h.Sum64()
}

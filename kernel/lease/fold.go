package lease

import "math"

// Identity is the key a lease is folded under: (loop_ts, lane).
type Identity struct {
	LoopTS string
	Lane   string
}

// ID returns l's identity.
func (l Lease) ID() Identity { return Identity{LoopTS: l.LoopTS, Lane: l.Lane} }

// entry is one folded lease with its fencing generation.
type entry struct {
	lease Lease
	gen   int64
	dead  bool
}

// State is the replay fold of a lane journal: the live set in
// first-acquired order, the fencing generations, and the seq high-water
// mark. The zero value is an empty journal. Feed records in file order
// with [State.Apply].
type State struct {
	order []*entry
	byID  map[Identity]*entry
	dead  int
	// Counter is the largest fencing generation ever issued.
	Counter int64
	// MaxSeq is the largest seq (or CHECKPOINT seq_watermark) seen.
	MaxSeq int64
	// Records counts the records applied, corrupt sentinels included.
	Records int
}

// Fold replays records from the empty state.
func Fold(records []Record) *State {
	s := &State{}
	for _, r := range records {
		s.Apply(r)
	}
	return s
}

// Apply folds one record into the state.
func (s *State) Apply(r Record) {
	s.Records++
	if r.Seq > s.MaxSeq {
		s.MaxSeq = r.Seq
	}
	switch r.Op {
	case OpCheckpoint:
		s.checkpoint(r)
		return
	case OpAcquire, OpReconcile, OpRelease, OpScavenge, OpHeartbeat, OpAdopt:
	default:
		return
	}
	if r.Lane == "" && r.LoopTS == "" && r.Lease == nil {
		return
	}
	switch r.Op {
	case OpAcquire, OpReconcile:
		l := leaseOf(r)
		if l.Lane == "" && l.LoopTS == "" {
			return
		}
		if s.Counter < math.MaxInt64 { // Room keeps writers below this
			s.Counter++
		}
		s.put(l, s.Counter)
	case OpRelease, OpScavenge:
		s.drop(Identity{LoopTS: r.LoopTS, Lane: r.Lane})
	case OpHeartbeat:
		if e := s.find(r); e != nil {
			e.lease.HeartbeatAt = first(r.HeartbeatAt, r.TS)
		}
	case OpAdopt:
		if e := s.find(r); e != nil {
			if r.Holder != "" {
				e.lease.Holder = r.Holder
			}
			if r.PID != 0 {
				e.lease.PID = r.PID
			}
			if r.HostID != "" {
				e.lease.HostID = r.HostID
			}
			e.lease.HeartbeatAt = first(r.HeartbeatAt, r.TS)
		}
	}
}

// leaseOf is the lease an ACQUIRE grants: the nested lease, else one built
// from the record's own fields.
func leaseOf(r Record) Lease {
	if r.Lease != nil {
		l := *r.Lease
		l.Tree = append([]string(nil), l.Tree...)
		return l
	}
	return Lease{
		Lane: r.Lane, LaneKind: r.LaneKind, Tree: append([]string(nil), r.Tree...), LoopTS: r.LoopTS,
		HostID: r.HostID, PID: r.PID, Holder: r.Holder, AcquiredAt: r.AcquiredAt,
		HeartbeatAt: r.HeartbeatAt, RunID: r.RunID, TTLMinutes: r.TTLMinutes, LeaseID: r.LeaseID,
	}
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func (s *State) find(r Record) *entry {
	e := s.byID[Identity{LoopTS: r.LoopTS, Lane: r.Lane}]
	if e == nil || e.dead {
		return nil
	}
	return e
}

// put adds l or replaces the live lease of the same identity in place.
func (s *State) put(l Lease, gen int64) {
	if s.byID == nil {
		s.byID = map[Identity]*entry{}
	}
	id := l.ID()
	if e := s.byID[id]; e != nil && !e.dead {
		e.lease, e.gen = l, gen
		return
	}
	e := &entry{lease: l, gen: gen}
	s.byID[id] = e
	s.order = append(s.order, e)
}

func (s *State) drop(id Identity) {
	e := s.byID[id]
	if e == nil {
		return
	}
	e.dead = true
	delete(s.byID, id)
	s.dead++
	if s.dead > 64 && s.dead > len(s.order)/2 {
		keep := s.order[:0]
		for _, e := range s.order {
			if !e.dead {
				keep = append(keep, e)
			}
		}
		clear(s.order[len(keep):])
		s.order, s.dead = keep, 0
	}
}

func (s *State) checkpoint(r Record) {
	if r.SeqWatermark > s.MaxSeq {
		s.MaxSeq = r.SeqWatermark
	}
	gens := map[Identity]int64{}
	top := r.GenerationWatermark
	for _, g := range r.Generations {
		gens[Identity{LoopTS: g.LoopTS, Lane: g.Lane}] = g.Generation
		top = max(top, g.Generation)
	}
	s.order, s.byID, s.dead = nil, nil, 0
	// The counter never moves backwards: a checkpoint in the middle of a
	// journal cannot re-issue a number the journal already handed out.
	s.Counter = max(s.Counter, top)
	for _, raw := range r.Leases {
		l, ok := DecodeLease(raw)
		if !ok || (l.Lane == "" && l.LoopTS == "") {
			continue
		}
		s.put(l, gens[l.ID()])
	}
}

// Live returns the live leases in first-acquired order.
func (s *State) Live() []Lease {
	out := make([]Lease, 0, len(s.byID))
	for _, e := range s.order {
		if !e.dead {
			out = append(out, e.lease)
		}
	}
	return out
}

// Generations returns the fencing generation of every live lease, in
// first-acquired order.
func (s *State) Generations() []Generation {
	out := make([]Generation, 0, len(s.byID))
	for _, e := range s.order {
		if !e.dead {
			out = append(out, Generation{LoopTS: e.lease.LoopTS, Lane: e.lease.Lane, Generation: e.gen})
		}
	}
	return out
}

// Generation returns the fencing generation of the live lease with the
// given identity; ok is false when it is not live.
func (s *State) Generation(id Identity) (int64, bool) {
	e := s.byID[id]
	if e == nil || e.dead {
		return 0, false
	}
	return e.gen, true
}

// Clone returns an independent copy of s.
func (s *State) Clone() *State {
	c := &State{Counter: s.Counter, MaxSeq: s.MaxSeq, Records: s.Records}
	for _, e := range s.order {
		if !e.dead {
			c.put(e.lease, e.gen)
		}
	}
	return c
}

// Snapshot is a State in a form that survives JSON: the fold cache a
// reader may keep so replay need not start from the first line.
type Snapshot struct {
	Leases      []Lease      `json:"leases"`
	Generations []Generation `json:"generations"`
	Counter     int64        `json:"generation_watermark"`
	MaxSeq      int64        `json:"seq_watermark"`
	Records     int          `json:"records"`
}

// Snapshot captures s.
func (s *State) Snapshot() Snapshot {
	return Snapshot{Leases: s.Live(), Generations: s.Generations(), Counter: s.Counter, MaxSeq: s.MaxSeq, Records: s.Records}
}

// Restore rebuilds a State from a snapshot.
func Restore(sn Snapshot) *State {
	s := &State{Counter: sn.Counter, MaxSeq: sn.MaxSeq, Records: sn.Records}
	gens := map[Identity]int64{}
	for _, g := range sn.Generations {
		gens[Identity{LoopTS: g.LoopTS, Lane: g.Lane}] = g.Generation
	}
	for _, l := range sn.Leases {
		s.put(l, gens[l.ID()])
	}
	return s
}

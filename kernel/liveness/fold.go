package liveness

import "github.com/dispatchos/dos/kernel/lease"

// SkewMS is how far in the future a journal stamp may be and still count:
// one second, for clocks that disagree by a little.
const SkewMS = 1000

// JournalFold folds the lane-journal records of one lease identity
// (loop_ts, lane) into the two journal rungs: progress events since the
// run started and the newest credible heartbeat. Feed every record in file
// order with [JournalFold.Apply]; records of other identities, _CORRUPT
// sentinels and records with no readable time are skipped.
type JournalFold struct {
	id         lease.Identity
	startSec   int64 // run start floored to the second, in ms
	nowMS      int64
	born       bool
	events     int
	beat       int64
	hasBeat    bool
	progress   int64
	hasProg    bool
	Unreadable int // records of this identity with no readable time
}

// NewJournalFold starts a fold for identity id of a run that started at
// runStartedMS, judged at nowMS.
func NewJournalFold(id lease.Identity, runStartedMS, nowMS int64) *JournalFold {
	return &JournalFold{id: id, startSec: floorSecond(runStartedMS), nowMS: nowMS}
}

// RecordIdentity is the (loop_ts, lane) a journal record is about: its own
// fields, else those of its nested lease.
func RecordIdentity(r lease.Record) lease.Identity {
	id := lease.Identity{LoopTS: r.LoopTS, Lane: r.Lane}
	if r.Lease != nil {
		if id.LoopTS == "" {
			id.LoopTS = r.Lease.LoopTS
		}
		if id.Lane == "" {
			id.Lane = r.Lease.Lane
		}
	}
	return id
}

// RecordMS is a record's time in epoch milliseconds: its ts, else its
// heartbeat_at. ok is false when neither parses.
func RecordMS(r lease.Record) (ms int64, ok bool) {
	if t, ok := lease.ParseStamp(r.TS); ok {
		return t.UnixMilli(), true
	}
	if t, ok := lease.ParseStamp(r.HeartbeatAt); ok {
		return t.UnixMilli(), true
	}
	return 0, false
}

// Apply folds one record.
func (f *JournalFold) Apply(r lease.Record) {
	if r.Op == lease.OpCorrupt || RecordIdentity(r) != f.id {
		return
	}
	ms, ok := RecordMS(r)
	if !ok {
		f.Unreadable++
		return
	}
	birth := false
	if r.Op == lease.OpAcquire && !f.born {
		f.born, birth = true, true
	}
	credible := ms <= f.nowMS+SkewMS
	switch r.Op {
	case lease.OpAcquire, lease.OpHeartbeat:
		if credible && (!f.hasBeat || ms > f.beat) {
			f.beat, f.hasBeat = ms, true
		}
	}
	switch r.Op {
	case lease.OpAcquire, lease.OpRelease, lease.OpScavenge, lease.OpReconcile:
		if !birth && credible && ms > f.startSec {
			f.events++
			if !f.hasProg || ms > f.progress {
				f.progress, f.hasProg = ms, true
			}
		}
	}
}

// Events is the number of progress records since the run started.
func (f *JournalFold) Events() int { return f.events }

// HeartbeatAgeMS is now minus the newest credible heartbeat, never below
// zero; nil when the identity never beat.
func (f *JournalFold) HeartbeatAgeMS() *int64 {
	if !f.hasBeat {
		return nil
	}
	age := max(0, f.nowMS-f.beat)
	return &age
}

// NewestBeatMS is the newest credible heartbeat; ok is false when none.
func (f *JournalFold) NewestBeatMS() (ms int64, ok bool) { return f.beat, f.hasBeat }

// NewestProgressMS is the newest counted progress event; ok is false when
// none.
func (f *JournalFold) NewestProgressMS() (ms int64, ok bool) { return f.progress, f.hasProg }

// floorSecond floors ms to a whole second (towards minus infinity).
func floorSecond(ms int64) int64 {
	s := ms / 1000
	if ms%1000 < 0 {
		s--
	}
	return s * 1000
}

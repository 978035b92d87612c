package livefold

import (
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

// Gather folds the journal at path once for every query and returns the
// facts by identity. also, when not nil, sees every decoded record whose
// op is one of alsoOps (SPAWN, HALT...) whatever its identity.
func Gather(path string, qs []Query, nowMS int64, alsoOps []string, also func(lease.Record)) (map[lease.Identity]Facts, error) {
	folds := make(map[lease.Identity]*liveness.JournalFold, len(qs))
	var needles [][]byte
	full := false
	seen := map[string]bool{}
	for _, q := range qs {
		folds[q.ID] = liveness.NewJournalFold(q.ID, q.RunStartedMS, nowMS)
		if seen[q.ID.Lane] {
			continue
		}
		seen[q.ID.Lane] = true
		n := Needle(q.ID.Lane)
		if n == nil {
			full = true
		}
		needles = append(needles, n)
	}
	for _, op := range alsoOps {
		needles = append(needles, Needle(op))
	}
	fn := func(r lease.Record) {
		if also != nil {
			for _, op := range alsoOps {
				if r.Op == op {
					also(r)
					break
				}
			}
		}
		if f := folds[liveness.RecordIdentity(r)]; f != nil {
			f.Apply(r)
		}
	}
	var err error
	switch {
	case full:
		err = All(path, fn)
	case len(needles) > 0:
		err = Scan(path, needles, fn)
	}
	if err != nil {
		return nil, err
	}
	out := make(map[lease.Identity]Facts, len(folds))
	for id, f := range folds {
		fa := Facts{Events: f.Events(), HeartbeatAgeMS: f.HeartbeatAgeMS()}
		fa.ProgressMS, fa.HasProgress = f.NewestProgressMS()
		out[id] = fa
	}
	return out, nil
}

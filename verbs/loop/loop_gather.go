package loop

import (
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/liveness"
	"github.com/dispatchos/dos/kernel/supervise"
	"github.com/dispatchos/dos/state/livefold"
	"github.com/dispatchos/dos/workspace"
)

// pendingWindow is how long a SPAWN with no live lease yet keeps its lane
// pending (alive-or-coming), so a second tick does not spawn it again.
const pendingWindow = 120 * time.Second

// rosterLane is one lane of the roster with what the plan and enact need.
type rosterLane struct {
	supervise.Lane
	// Lease is the lane's live lease; nil when free.
	Lease *lease.Lease
	// Generation is the lease's fencing generation when gathered.
	Generation int64
	// Reason is the liveness reason.
	Reason string
}

// gathered is one tick's evidence.
type gathered struct {
	lanes []rosterLane
	nowMS int64
}

// gatherRoster builds the roster of §6.2 and judges each leased lane's
// worker: the declared concurrent lanes then the exclusive ones; with
// max_concurrency, leased lanes the roster does not declare and a
// synthetic repeatable lane "auto". spawned holds lanes this process
// spawned (with when); they stay pending for pendingWindow like lanes with
// a recent SPAWN record in the journal.
func gatherRoster(ws *workspace.Workspace, b board, now time.Time, maxConcurrency int, spawned map[string]time.Time) (gathered, error) {
	cfg := ws.Config
	nowMS := now.UnixMilli()
	held := map[string]lease.Lease{}
	for _, l := range b.live {
		if old, ok := held[l.Lane]; ok && laterAcquired(old, l) {
			continue
		}
		held[l.Lane] = l
	}
	exclusive := map[string]bool{}
	for _, n := range cfg.Lanes.Exclusive {
		exclusive[n] = true
	}
	var names []string
	for _, n := range append(slices.Clone(cfg.Lanes.Concurrent), cfg.Lanes.Exclusive...) {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	var lanes []rosterLane
	for _, n := range names {
		lanes = append(lanes, rosterLane{Lane: supervise.Lane{
			Name: n, Tree: cfg.Lanes.Trees[n], Exclusive: exclusive[n],
			Repeatable: !exclusive[n] && slices.Contains(cfg.Lanes.Autopick, n),
		}})
	}
	if maxConcurrency > 0 {
		var extra []string
		for n, l := range held {
			if !slices.Contains(names, n) && !exclusive[n] && l.LaneKind != "global" {
				extra = append(extra, n)
			}
		}
		slices.Sort(extra)
		for _, n := range extra {
			lanes = append(lanes, rosterLane{Lane: supervise.Lane{Name: n, Tree: held[n].Tree, Repeatable: true}})
			names = append(names, n)
		}
		auto := "auto"
		for slices.Contains(names, auto) {
			auto += "*"
		}
		lanes = append(lanes, rosterLane{Lane: supervise.Lane{Name: auto, Repeatable: true}})
	}

	var qs []livefold.Query
	starts := map[string]int64{}
	for i := range lanes {
		l, ok := held[lanes[i].Name]
		if !ok {
			continue
		}
		cp := l
		lanes[i].Lease = &cp
		lanes[i].Generation = b.gen[l.ID()]
		start := nowMS
		if t, ok := lease.ParseStamp(l.AcquiredAt); ok {
			start = t.UnixMilli()
		}
		starts[l.Lane] = start
		qs = append(qs, livefold.Query{ID: l.ID(), RunStartedMS: start})
	}
	got, err := b.rungs(qs, nowMS)
	if err != nil {
		return gathered{}, err
	}
	facts, lastSpawn := got.Facts, got.LastSpawnMS
	for n, at := range spawned {
		lastSpawn[n] = max(lastSpawn[n], at.UnixMilli())
	}
	pol := liveness.Policy{GraceMS: cfg.Liveness.GraceMS, SpinMS: cfg.Liveness.SpinMS}
	for i := range lanes {
		ln := &lanes[i]
		if ln.Lease == nil {
			if at, ok := lastSpawn[ln.Name]; ok && nowMS-at < pendingWindow.Milliseconds() {
				ln.Pending = true
			}
			continue
		}
		f := facts[ln.Lease.ID()]
		start := starts[ln.Name]
		age := f.HeartbeatAgeMS
		if age == nil {
			stamp := ln.Lease.HeartbeatAt
			if stamp == "" {
				stamp = ln.Lease.AcquiredAt
			}
			if t, ok := lease.ParseStamp(stamp); ok {
				a := max(0, nowMS-t.UnixMilli())
				age = &a
			}
		}
		d := liveness.Decide(liveness.Evidence{NowMS: nowMS, RunStartedMS: start, JournalEvents: f.Events, HeartbeatAgeMS: age}, pol)
		ln.State, ln.Reason = d.Verdict, d.Reason
		if d.Verdict == liveness.Spinning {
			a := liveness.SpinAgeMS(nowMS, start, f.ProgressMS, f.HasProgress, pol)
			ln.SpinAgeMS = &a
		}
	}
	return gathered{lanes: lanes, nowMS: nowMS}, nil
}

// laterAcquired reports whether old was acquired after l (so old stays);
// a tie keeps the later in journal order, l.
func laterAcquired(old, l lease.Lease) bool {
	a, aok := lease.ParseStamp(old.AcquiredAt)
	b, bok := lease.ParseStamp(l.AcquiredAt)
	return aok && bok && a.After(b)
}

// launchLine is the launch template with {lane} filled in.
func launchLine(template, lane string) string { return strings.ReplaceAll(template, "{lane}", lane) }

// lanesOf is the roster as the kernel sees it.
func lanesOf(g gathered) []supervise.Lane {
	out := make([]supervise.Lane, len(g.lanes))
	for i, l := range g.lanes {
		out[i] = l.Lane
	}
	return out
}

// cacheDir is where the journal's liveness summary is kept between calls:
// the git directory (never the work tree), or nowhere outside a repository.
func cacheDir(ws *workspace.Workspace) string {
	if ws.CommonDir == "" {
		return ""
	}
	return filepath.Join(ws.CommonDir, "dos")
}

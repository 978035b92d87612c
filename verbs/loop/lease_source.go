package loop

import (
	"context"
	"fmt"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/livefold"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/backend"
	"github.com/dispatchos/dos/workspace"
)

// source is where loop and watch read leases and record events: the lane
// journal, or, when dos.toml's [fleet] names a shared store (etcd), that
// store, so a fleet member's own .dos/ holds no lease state.
type source struct {
	ws *workspace.Workspace
	j  *journal.Journal
	// fleet is the open shared store; nil on the file journal.
	fleet  store.Store
	hostID string
}

// openSource opens ws's lease source. A fleet store that cannot be opened
// is an error wrapping store.ErrUnavailable.
func openSource(env *call.Env, ws *workspace.Workspace) (*source, error) {
	src := &source{ws: ws, j: journal.ForWorkspace(ws, env.Getenv), hostID: leaselane.HostID(env.Getenv)}
	fleet, err := backend.Fleet(ws.Config.Fleet, env.Getenv, src.hostID)
	if err != nil {
		return nil, err
	}
	src.fleet = fleet
	return src, nil
}

// close releases the fleet store's connections.
func (s *source) close() {
	if s != nil && s.fleet != nil {
		s.fleet.Close()
	}
}

// board is the lease state one tick reads: the live leases with their
// fencing generations, and the records the liveness rungs fold.
type board struct {
	// live are the live leases as the journal holds them (on the file
	// journal no expiry is applied: liveness judges an expired holder).
	live []lease.Lease
	gen  map[lease.Identity]int64
	// events are a fleet's records (nil on the file journal, whose rungs
	// are read from the file).
	events []lease.Record
	src    *source
}

// read reads the board: the journal's fold, or the fleet's live leases
// (their heartbeat_at brought up to the newest HEARTBEAT event) and its
// events. Without live, no lease is read (the file journal is then left
// to rungs).
func (s *source) read(ctx context.Context, live bool) (board, error) {
	b := board{gen: map[lease.Identity]int64{}, src: s}
	if s.fleet == nil {
		if !live {
			return b, nil
		}
		rp, err := s.j.Replay()
		if err != nil {
			return b, err
		}
		b.live = rp.State.Live()
		for _, l := range b.live {
			b.gen[l.ID()], _ = rp.State.Generation(l.ID())
		}
		return b, nil
	}
	var held []store.Fence
	if live {
		var err error
		if held, err = s.fleet.Fences(ctx); err != nil {
			return b, err
		}
	}
	var err error
	if b.events, err = s.fleet.Events(ctx); err != nil {
		return b, err
	}
	beats := map[lease.Identity]string{}
	for _, l := range lease.Fold(b.events).Live() {
		beats[l.ID()] = l.HeartbeatAt
	}
	for _, h := range held {
		l := h.Lease
		if at, ok := lease.ParseStamp(beats[l.ID()]); ok {
			if cur, ok := lease.ParseStamp(l.HeartbeatAt); !ok || at.After(cur) {
				l.HeartbeatAt = beats[l.ID()]
			}
		}
		b.live = append(b.live, l)
		b.gen[l.ID()] = h.Generation
	}
	return b, nil
}

// rungs answers the liveness queries at nowMS over the board's records.
func (b board) rungs(qs []livefold.Query, nowMS int64) (livefold.Result, error) {
	if b.src.fleet != nil {
		return livefold.Records(b.events, qs, nowMS), nil
	}
	return livefold.Gather(b.src.j.Path, qs, livefold.Options{NowMS: nowMS, CacheDir: cacheDir(b.src.ws)})
}

// unavailable is the text of a fleet store that did not answer.
func unavailable(err error) string {
	return fmt.Sprintf("lease store unavailable: %v", err)
}

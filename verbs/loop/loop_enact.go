package loop

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"time"

	"github.com/dispatchos/dos/actuate/spawn"
	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/runid"
	"github.com/dispatchos/dos/kernel/supervise"
	"github.com/dispatchos/dos/state/journal/leaselane"
	"github.com/dispatchos/dos/state/lock"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/witness/acceptance"
	"github.com/dispatchos/dos/workspace"
)

// Enacted is what --enact did.
type Enacted struct {
	Reaped  []ReapDone  `json:"reaped"`
	Refused []NotDone   `json:"refused"`
	Spawned []SpawnDone `json:"spawned"`
}

// ReapDone is a stalled lease recorded as scavenged.
type ReapDone struct {
	Lane   string `json:"lane"`
	LoopTS string `json:"loop_ts"`
	// Seq is the SCAVENGE record's seq; 0 on a fleet, whose store ends
	// the lease and records it in one write that names no seq.
	Seq int64 `json:"seq"`
}

// SpawnDone is a worker started.
type SpawnDone struct {
	Command []string `json:"command"`
	Lane    string   `json:"lane"`
	Log     string   `json:"log"`
	PID     int      `json:"pid"`
	RunID   string   `json:"run_id"`
	Seq     int64    `json:"seq"`
}

// NotDone is a step of the plan that was not carried out, and why.
type NotDone struct {
	Disposition string `json:"disposition"`
	Lane        string `json:"lane"`
	Reason      string `json:"reason"`
}

// enactor carries plans out; it remembers its own spawns across ticks.
type enactor struct {
	env     *call.Env
	ws      *workspace.Workspace
	src     *source
	wait    time.Duration
	spawned map[string]time.Time
}

// reapReason is the reason recorded on a supervisor's SCAVENGE.
const reapReason = "supervisor: STALLED (no fresh heartbeat, no progress)"

// writer is where enact records: the journal under its lock, or a fleet.
type writer struct {
	// live and gen are the leases as read just before writing, less
	// those reaped since.
	live func() []lease.Lease
	gen  func(lease.Identity) (int64, bool)
	// reap ends l with a SCAVENGE (its seq, 0 when the store does not
	// say); false when the lease is no longer live.
	reap func(l lease.Lease) (seq int64, done bool, err error)
	// add appends one record and returns its seq.
	add func(rec map[string]any) (int64, error)
}

// enact records each REAP whose lease is unchanged since it was judged,
// refuses each SPAWN that would collide with a live lease, and starts the
// others' workers, recording a SPAWN for each. On the file journal it
// holds the journal lock throughout and records are appended (and
// fsynced) before the lock is released; on a fleet each REAP ends the
// lease in the store (its key, then a SCAVENGE event) and a store that
// stops answering refuses every step after it (down is then its error).
func (e *enactor) enact(ctx context.Context, now time.Time, g gathered, d supervise.Decision, template string) (out *Enacted, down error, err error) {
	out = &Enacted{Reaped: []ReapDone{}, Refused: []NotDone{}, Spawned: []SpawnDone{}}
	if len(d.Reap) == 0 && len(d.Spawn) == 0 {
		return out, nil, nil
	}
	cfg := leaselane.FromWorkspace(e.ws, e.env.Getenv)
	if e.src.fleet != nil {
		return e.enactFleet(ctx, now, g, d, template, cfg, out)
	}
	tx, err := e.src.j.Begin(ctx, e.wait, now)
	if errors.Is(err, lock.ErrBusy) {
		for _, p := range append(d.Reap, d.Spawn...) {
			out.Refused = append(out.Refused, NotDone{p.Disposition.String(), p.Lane, fmt.Sprintf("the journal lock stayed busy for %v", e.wait)})
		}
		return out, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	defer tx.Close()
	w := writer{live: tx.Live, gen: tx.Fold.State.Generation,
		reap: func(l lease.Lease) (int64, bool, error) {
			recs, err := tx.Append(map[string]any{
				"op": lease.OpScavenge, "lane": l.Lane, "loop_ts": l.LoopTS, "host_id": cfg.HostID,
				"pid": l.PID, "prev_holder": l.Holder, "reason": reapReason, "lease_id": l.LeaseID,
			})
			if err != nil {
				return 0, false, err
			}
			return recs[0].Seq, true, nil
		},
		add: func(rec map[string]any) (int64, error) {
			recs, err := tx.Append(rec)
			if err != nil {
				return 0, err
			}
			return recs[0].Seq, nil
		}}
	return out, nil, e.carryOut(now, g, d, template, cfg, w, out)
}

// enactFleet carries the plan out through the fleet store: the leases are
// read again just before, a REAP releases the lease's key with a SCAVENGE
// record, a SPAWN record is an event.
func (e *enactor) enactFleet(ctx context.Context, now time.Time, g gathered, d supervise.Decision, template string, cfg leaselane.Config, out *Enacted) (*Enacted, error, error) {
	s := e.src.fleet
	b, err := e.src.read(ctx, true)
	if err == nil {
		reaped := map[lease.Identity]bool{}
		w := writer{gen: func(id lease.Identity) (int64, bool) { n, ok := b.gen[id]; return n, ok },
			live: func() []lease.Lease {
				var out []lease.Lease
				for _, l := range b.live {
					if !reaped[l.ID()] {
						out = append(out, l)
					}
				}
				return out
			},
			reap: func(l lease.Lease) (int64, bool, error) {
				rec := &lease.ScavengeEntry{Op: lease.OpScavenge, Lane: l.Lane, LoopTS: l.LoopTS, HostID: cfg.HostID,
					PID: l.PID, PrevHolder: l.Holder, Reason: reapReason}
				done, err := s.Release(ctx, l.LeaseID, l.Holder, rec)
				reaped[l.ID()] = reaped[l.ID()] || done
				return 0, done, err
			},
			add: func(rec map[string]any) (int64, error) { return s.Append(ctx, rec) }}
		err = e.carryOut(now, g, d, template, cfg, w, out)
	}
	if !store.Down(err) {
		return out, nil, err
	}
	done := map[string]bool{}
	for _, r := range out.Reaped {
		done["REAP "+r.Lane] = true
	}
	for _, r := range out.Spawned {
		done["SPAWN "+r.Lane] = true
	}
	for _, r := range out.Refused {
		done[r.Disposition+" "+r.Lane] = true
	}
	for _, p := range append(d.Reap, d.Spawn...) {
		if !done[p.Disposition.String()+" "+p.Lane] {
			out.Refused = append(out.Refused, NotDone{p.Disposition.String(), p.Lane, unavailable(err)})
		}
	}
	return out, err, nil
}

// carryOut does the plan's REAPs, then its SPAWNs, through w. An error
// from the store ends it (what was done stays in out).
func (e *enactor) carryOut(now time.Time, g gathered, d supervise.Decision, template string, cfg leaselane.Config, w writer, out *Enacted) error {
	byName := map[string]rosterLane{}
	for _, l := range g.lanes {
		byName[l.Name] = l
	}
	for _, p := range d.Reap {
		l := byName[p.Lane]
		if why := unchanged(w, l); why != "" {
			out.Refused = append(out.Refused, NotDone{"REAP", p.Lane, why})
			continue
		}
		seq, done, err := w.reap(*l.Lease)
		if err != nil {
			return fmt.Errorf("journal write failed while reaping %s: %w", p.Lane, err)
		}
		if !done {
			out.Refused = append(out.Refused, NotDone{"REAP", p.Lane, "the lease is no longer live"})
			continue
		}
		out.Reaped = append(out.Reaped, ReapDone{Lane: l.Lease.Lane, LoopTS: l.Lease.LoopTS, Seq: seq})
	}
	argvTemplate, splitErr := acceptance.Split(template)
	for _, p := range d.Spawn {
		l := byName[p.Lane]
		if splitErr != nil || len(argvTemplate) == 0 {
			out.Refused = append(out.Refused, NotDone{"SPAWN", p.Lane, fmt.Sprintf("worker_launch_template %q cannot be split into a command: %v", template, splitErr)})
			continue
		}
		if !l.Repeatable {
			dec := admission.Arbitrate(admission.Request{Lane: p.Lane, Owner: "supervisor", Exact: true}, w.live(), cfg.Taxonomy, cfg.Policy)
			if !dec.Granted() {
				out.Refused = append(out.Refused, NotDone{"SPAWN", p.Lane, fmt.Sprintf("the lane collides with a live lease (%s: %s)", dec.ReasonClass, dec.Reason)})
				continue
			}
		}
		done, err := e.spawn(w, cfg, now, p.Lane, argvTemplate)
		if store.Down(err) {
			out.Refused = append(out.Refused, NotDone{"SPAWN", p.Lane, err.Error()})
			return err
		}
		if err != nil {
			out.Refused = append(out.Refused, NotDone{"SPAWN", p.Lane, err.Error()})
			continue
		}
		out.Spawned = append(out.Spawned, done)
	}
	return nil
}

// unchanged says why a planned reap must not happen ("" when it may): the
// lease must still be live with the generation and stamps it was judged on.
func unchanged(w writer, l rosterLane) string {
	if l.Lease == nil {
		return "no lease was judged on this lane"
	}
	for _, cur := range w.live() {
		if cur.ID() != l.Lease.ID() {
			continue
		}
		gen, _ := w.gen(cur.ID())
		if gen != l.Generation || cur.HeartbeatAt != l.Lease.HeartbeatAt || cur.AcquiredAt != l.Lease.AcquiredAt {
			return "the lease changed since it was judged (a heartbeat or a new grant): left alone"
		}
		return ""
	}
	return "the lease is no longer live"
}

// spawn starts one worker and records a SPAWN for it.
func (e *enactor) spawn(w writer, cfg leaselane.Config, now time.Time, lane string, words []string) (SpawnDone, error) {
	rid := runid.New(now, rand.Uint32())
	argv := make([]string, len(words))
	for i, word := range words {
		argv[i] = launchLine(word, lane)
	}
	env := []string{"CID_RUN_ID=" + rid, "DISPATCH_RUN_ID=" + rid, "DOS_LANE=" + lane, "DISPATCH_WORKSPACE=" + e.ws.StateRoot}
	root := rid
	if parent := e.env.Getenv("CID_RUN_ID"); parent != "" {
		env = append(env, "CID_PARENT_ID="+parent)
		root = parent
		if r := e.env.Getenv("CID_ROOT_ID"); r != "" {
			root = r
		}
	}
	env = append(env, "CID_ROOT_ID="+root)
	log := filepath.Join(e.ws.DotDos(), "spawned", rid+".log")
	st, err := spawn.Start(spawn.Worker{Argv: argv, Dir: e.ws.StateRoot, Env: env, Log: log})
	if err != nil {
		return SpawnDone{}, err
	}
	go st.Wait() // reap the child when it exits, in a long --watch
	e.spawned[lane] = now
	seq, err := w.add(map[string]any{
		"op": lease.OpSpawn, "lane": lane, "loop_ts": lease.FormatStamp(now), "holder": "supervisor", "host_id": cfg.HostID,
		"pid": st.PID, "run_id": rid, "reason": "supervisor: spawn",
	})
	if err != nil {
		return SpawnDone{}, fmt.Errorf("worker started (pid %d) but its SPAWN record failed: %w", st.PID, err)
	}
	return SpawnDone{Command: argv, Lane: lane, Log: log, PID: st.PID, RunID: rid, Seq: seq}, nil
}

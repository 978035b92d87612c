package loop

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/dispatchos/dos/actuate/spawn"
	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/runid"
	"github.com/dispatchos/dos/kernel/supervise"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/journal/leaselane"
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
	Seq    int64  `json:"seq"`
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
	j       *journal.Journal
	wait    time.Duration
	spawned map[string]time.Time
}

// reapReason is the reason recorded on a supervisor's SCAVENGE.
const reapReason = "supervisor: STALLED (no fresh heartbeat, no progress)"

// enact takes the journal lock once, records each REAP whose lease is
// unchanged since it was judged, refuses each SPAWN that would collide
// with a live lease, and starts the others' workers, recording a SPAWN for
// each. Records are appended (and fsynced) before the lock is released.
func (e *enactor) enact(ctx context.Context, now time.Time, g gathered, d supervise.Decision, template string) (*Enacted, error) {
	out := &Enacted{Reaped: []ReapDone{}, Refused: []NotDone{}, Spawned: []SpawnDone{}}
	if len(d.Reap) == 0 && len(d.Spawn) == 0 {
		return out, nil
	}
	cfg := leaselane.FromWorkspace(e.ws, e.env.Getenv)
	tx, err := e.j.Begin(ctx, e.wait, now)
	if errors.Is(err, journal.ErrBusy) {
		for _, p := range append(d.Reap, d.Spawn...) {
			out.Refused = append(out.Refused, NotDone{p.Disposition.String(), p.Lane, fmt.Sprintf("the journal lock stayed busy for %v", e.wait)})
		}
		return out, nil
	}
	if err != nil {
		return nil, err
	}
	defer tx.Close()
	byName := map[string]rosterLane{}
	for _, l := range g.lanes {
		byName[l.Name] = l
	}
	for _, p := range d.Reap {
		l := byName[p.Lane]
		if why := unchanged(tx, l); why != "" {
			out.Refused = append(out.Refused, NotDone{"REAP", p.Lane, why})
			continue
		}
		recs, err := tx.Append(map[string]any{
			"op": lease.OpScavenge, "lane": l.Lease.Lane, "loop_ts": l.Lease.LoopTS, "host_id": cfg.HostID,
			"pid": l.Lease.PID, "prev_holder": l.Lease.Holder, "reason": reapReason, "lease_id": l.Lease.LeaseID,
		})
		if err != nil {
			return nil, fmt.Errorf("journal write failed while reaping %s: %w", p.Lane, err)
		}
		out.Reaped = append(out.Reaped, ReapDone{Lane: l.Lease.Lane, LoopTS: l.Lease.LoopTS, Seq: recs[0].Seq})
	}
	argvTemplate, splitErr := acceptance.Split(template)
	for _, p := range d.Spawn {
		l := byName[p.Lane]
		if splitErr != nil || len(argvTemplate) == 0 {
			out.Refused = append(out.Refused, NotDone{"SPAWN", p.Lane, fmt.Sprintf("worker_launch_template %q cannot be split into a command: %v", template, splitErr)})
			continue
		}
		if !l.Repeatable {
			dec := admission.Arbitrate(admission.Request{Lane: p.Lane, Owner: "supervisor", Exact: true}, tx.Live(), cfg.Taxonomy, cfg.Policy)
			if !dec.Granted() {
				out.Refused = append(out.Refused, NotDone{"SPAWN", p.Lane, fmt.Sprintf("the lane collides with a live lease (%s: %s)", dec.ReasonClass, dec.Reason)})
				continue
			}
		}
		done, err := e.spawn(tx, cfg, now, p.Lane, argvTemplate)
		if err != nil {
			out.Refused = append(out.Refused, NotDone{"SPAWN", p.Lane, err.Error()})
			continue
		}
		out.Spawned = append(out.Spawned, done)
	}
	return out, nil
}

// unchanged says why a planned reap must not happen ("" when it may): the
// lease must still be live with the generation and stamps it was judged on.
func unchanged(tx *journal.Tx, l rosterLane) string {
	if l.Lease == nil {
		return "no lease was judged on this lane"
	}
	for _, cur := range tx.Live() {
		if cur.ID() != l.Lease.ID() {
			continue
		}
		gen, _ := tx.Fold.State.Generation(cur.ID())
		if gen != l.Generation || cur.HeartbeatAt != l.Lease.HeartbeatAt || cur.AcquiredAt != l.Lease.AcquiredAt {
			return "the lease changed since it was judged (a heartbeat or a new grant): left alone"
		}
		return ""
	}
	return "the lease is no longer live"
}

// spawn starts one worker and records a SPAWN for it.
func (e *enactor) spawn(tx *journal.Tx, cfg leaselane.Config, now time.Time, lane string, words []string) (SpawnDone, error) {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		return SpawnDone{}, fmt.Errorf("mint a run id: %w", err)
	}
	rid := runid.New(now, binary.BigEndian.Uint32(b[:]))
	argv := make([]string, len(words))
	for i, w := range words {
		argv[i] = launchLine(w, lane)
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
	recs, err := tx.Append(map[string]any{
		"op": lease.OpSpawn, "lane": lane, "loop_ts": lease.FormatStamp(now), "holder": "supervisor", "host_id": cfg.HostID,
		"pid": st.PID, "run_id": rid, "reason": "supervisor: spawn",
	})
	if err != nil {
		return SpawnDone{}, fmt.Errorf("worker started (pid %d) but its SPAWN record failed: %w", st.PID, err)
	}
	return SpawnDone{Command: argv, Lane: lane, Log: log, PID: st.PID, RunID: rid, Seq: recs[0].Seq}, nil
}

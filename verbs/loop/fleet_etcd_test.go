//go:build etcd

package loop

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/internal/fleettest"
	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/runid"
	"github.com/dispatchos/dos/kernel/supervise"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/etcdstore"
	"github.com/dispatchos/dos/state/store/etcdstore/etcdtest"
	"github.com/dispatchos/dos/verbs/lanes"
	"github.com/dispatchos/dos/workspace"
)

// fleetCluster starts a one-member cluster, opens a direct client of the
// fleet fleetEnv names (another machine) and grants src to worker "w"
// under a fresh run id, which it returns.
func fleetCluster(t *testing.T) (*etcdtest.Cluster, *etcdstore.Store, string) {
	t.Helper()
	c, err := etcdtest.Start(t.TempDir(), 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Stop)
	s, err := etcdstore.Open(etcdstore.Config{Endpoints: c.Endpoints, Fleet: "loop", HostID: "other"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	rid := runid.New(time.Now(), 42)
	cfg := store.Config{Taxonomy: admission.Taxonomy{Concurrent: []string{"src", "docs"},
		Trees: map[string][]string{"src": {"src/"}, "docs": {"docs/"}}}, HostID: "other"}
	got, err := store.Acquire(context.Background(), s, time.Now(), cfg, store.AcquireInput{
		Request: admission.Request{Lane: "src", Owner: "w"}, RunID: rid, TTLMinutes: 60})
	if err != nil || got.Lease == nil {
		t.Fatalf("acquire: %+v %v", got, err)
	}
	return c, s, rid
}

// events lists the fleet's records with op.
func events(t *testing.T, s store.Store, op string) []lease.Record {
	t.Helper()
	ev, err := s.Events(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []lease.Record
	for _, e := range ev {
		if e.Op == op {
			out = append(out, e)
		}
	}
	return out
}

// later is the clock two hours on, past the grace window, in epoch ms.
func later() int64 { return time.Now().Add(2 * time.Hour).UnixMilli() }

// loop on an etcd fleet: the plan judges the lease granted on another
// machine from the cluster's events and writes nothing; --enact releases
// the stalled lease in the cluster with the supervisor's SCAVENGE and
// records the SPAWN there, which the next plan reads as pending; nothing
// lands in the local .dos/; a stopped cluster fails closed.
func TestLoopThroughEtcd(t *testing.T) {
	c, s, _ := fleetCluster(t)
	env := fleetEnv(t, c.Endpoints[0])
	now := later()
	before := len(events(t, s, lease.OpAcquire)) + len(events(t, s, lease.OpSpawn)) + len(events(t, s, lease.OpScavenge))
	res, err := fleettest.Run(env, &Loop, func(a *LoopArgs) { a.NowMS = now })
	if err != nil {
		t.Fatal(err)
	}
	b := res.Body.(LoopResult)
	if len(b.Reap) != 1 || b.Reap[0].Lane != "src" || len(b.Spawn) != 1 || b.Enacted != nil {
		t.Fatalf("plan from the cluster: %s", res.Text)
	}
	if after := len(events(t, s, lease.OpAcquire)) + len(events(t, s, lease.OpSpawn)) + len(events(t, s, lease.OpScavenge)); after != before {
		t.Fatal("a plan without --enact wrote to the cluster")
	}
	res, err = fleettest.Run(env, &Loop, func(a *LoopArgs) { a.NowMS, a.Enact = now, true })
	if err != nil || res.ExitCode != 0 {
		t.Fatalf("loop --enact: %v %+v", err, res)
	}
	ex := res.Body.(LoopResult).Enacted
	if len(ex.Reaped) != 1 || ex.Reaped[0].Lane != "src" || len(ex.Spawned) != 1 || len(ex.Refused) != 0 {
		t.Fatalf("enacted: %s", res.Text)
	}
	if live, err := s.Live(context.Background()); err != nil || len(live) != 0 {
		t.Fatalf("the reaped lease is still live in the cluster: %+v %v", live, err)
	}
	sc := events(t, s, lease.OpScavenge)
	if len(sc) != 1 || sc[0].Lane != "src" || sc[0].Reason != reapReason {
		t.Fatalf("SCAVENGE events: %+v", sc)
	}
	sp := events(t, s, lease.OpSpawn)
	if len(sp) != 1 || sp[0].RunID != ex.Spawned[0].RunID || sp[0].Lane != ex.Spawned[0].Lane || sp[0].Seq != ex.Spawned[0].Seq {
		t.Fatalf("SPAWN events %+v for %+v", sp, ex.Spawned)
	}
	// Another process (or machine) sees the spawned lane pending.
	res, err = fleettest.Run(fleetEnvAt(t, env), &Loop, func(a *LoopArgs) {})
	if err != nil {
		t.Fatal(err)
	}
	pending := false
	for _, l := range res.Body.(LoopResult).Evidence.Lanes {
		pending = pending || (l.Lane == ex.Spawned[0].Lane && l.Pending)
	}
	if !pending || len(res.Body.(LoopResult).Spawn) != 0 {
		t.Fatalf("the cluster's SPAWN does not keep its lane pending: %s", res.Text)
	}
	noLocalLeaseState(t, env)

	c.Stop()
	_, err = fleettest.Run(env, &Loop, func(a *LoopArgs) { a.NowMS = now })
	if !errors.Is(err, store.ErrUnavailable) || !strings.Contains(err.Error(), strings.TrimPrefix(c.Endpoints[0], "http://")) {
		t.Fatalf("a plan on a stopped cluster: %v", err)
	}
	res, err = fleettest.Run(env, &Loop, func(a *LoopArgs) { a.NowMS, a.Enact = now, true })
	if err != nil || res.Verdict != lanes.LockBusy || res.ExitCode != 4 || !strings.Contains(res.Text, "nothing was reaped") {
		t.Fatalf("loop --enact on a stopped cluster: %v %+v", err, res)
	}
	noLocalLeaseState(t, env)
}

// fleetEnvAt is a second member's workspace on env's fleet (the same
// endpoints, its own directory).
func fleetEnvAt(t *testing.T, env *call.Env) *call.Env {
	t.Helper()
	return fleetEnv(t, env.Getenv("DOS_ETCD_ENDPOINTS"))
}

// A planned REAP on a fleet is checked against the leases read again just
// before it: a HEARTBEAT event recorded since the plan cancels it, and the
// lane is not spawned into either.
func TestEnactOnEtcdLosesToAFreshHeartbeat(t *testing.T) {
	c, s, _ := fleetCluster(t)
	env := fleetEnv(t, c.Endpoints[0])
	ws, err := workspace.Resolve(workspace.Options{Flag: env.Cwd, Getenv: env.Getenv, Cwd: env.Cwd})
	if err != nil {
		t.Fatal(err)
	}
	src, err := openSource(env, ws)
	if err != nil {
		t.Fatal(err)
	}
	defer src.close()
	now := time.UnixMilli(later())
	g, err := roster(t, src, now)
	if err != nil {
		t.Fatal(err)
	}
	d := supervise.Decide(lanesOf(g), supervise.Policy{Target: 1, ReapStalled: true})
	if len(d.Reap) != 1 || len(d.Spawn) != 1 || d.Spawn[0].Lane != "src" {
		t.Fatalf("plan %+v", d)
	}
	// The worker beats (from its own machine) after the plan was made.
	time.Sleep(1100 * time.Millisecond) // stamps have whole seconds
	res, err := fleettest.Run(fleetEnvAt(t, env), &lanes.LeaseLaneHeartbeat, func(a *lanes.LeaseLaneHeartbeatArgs) { a.Lane, a.Owner, a.Wait = "src", "w", 5 })
	if err != nil || res.Verdict != lanes.Beat {
		t.Fatalf("heartbeat: %v %+v", err, res)
	}
	en := &enactor{env: env.ForCall(call.Common{}), ws: ws, src: src, wait: time.Second, spawned: map[string]time.Time{}}
	ex, down, err := en.enact(context.Background(), now, g, d, "true {lane}")
	if err != nil || down != nil {
		t.Fatal(err, down)
	}
	if len(ex.Reaped) != 0 || len(ex.Spawned) != 0 || len(ex.Refused) != 2 ||
		!strings.Contains(ex.Refused[0].Reason, "changed since it was judged") || !strings.Contains(ex.Refused[1].Reason, "collides") {
		t.Fatalf("enacted %+v", ex)
	}
	if live, _ := s.Live(context.Background()); len(live) != 1 || live[0].Holder != "w" {
		t.Fatalf("the live worker lost its lease: %+v", live)
	}
	if n := len(events(t, s, lease.OpScavenge)) + len(events(t, s, lease.OpSpawn)); n != 0 {
		t.Fatalf("%d SCAVENGE/SPAWN events written for a cancelled plan", n)
	}
}

// watch on an etcd fleet: --discover finds the run of the lease granted on
// another machine, its HALT proposal is a cluster event, a second watch
// (another process) reads it and does not propose again; a stopped
// cluster is LOCK_BUSY; nothing lands in the local .dos/.
func TestWatchThroughEtcd(t *testing.T) {
	c, s, rid := fleetCluster(t)
	env := fleetEnv(t, c.Endpoints[0])
	now := later()
	// Events are stamped by the wall clock, two hours before now: the
	// re-propose window must cover that.
	watch := func(e *call.Env) *call.Result {
		t.Helper()
		res, err := fleettest.Run(e, &Watch, func(a *WatchArgs) { a.Discover, a.BudgetMS, a.NowMS, a.ReproposeMS = true, "0", now, 3*3600_000 })
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	res := watch(env)
	if b := res.Body.(WatchResult); res.ExitCode != 0 || len(b.ProposedHalts) != 1 || b.ProposedHalts[0] != rid || b.Verdicts[rid] != "STALLED" {
		t.Fatalf("watch: %s %+v", res.Text, b)
	}
	h := events(t, s, lease.OpHalt)
	if len(h) != 1 || h[0].RunID != rid || h[0].Lane != "src" || !strings.HasPrefix(h[0].Reason, "watchdog:") {
		t.Fatalf("HALT events: %+v", h)
	}
	if res := watch(fleetEnvAt(t, env)); len(res.Body.(WatchResult).ProposedHalts) != 0 {
		t.Fatalf("proposed again within the window: %s", res.Text)
	}
	if n := len(events(t, s, lease.OpHalt)); n != 1 {
		t.Fatalf("%d HALT events", n)
	}
	if live, _ := s.Live(context.Background()); len(live) != 1 {
		t.Fatalf("a proposal changed the live set: %+v", live)
	}
	noLocalLeaseState(t, env)
	c.Stop()
	if res := watch(env); res.Verdict != lanes.LockBusy || res.ExitCode != 4 {
		t.Fatalf("watch on a stopped cluster: %+v", res)
	}
	noLocalLeaseState(t, env)
}

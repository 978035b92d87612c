//go:build etcd

package lanes

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/etcdstore/etcdtest"
)

// twoMachines starts a one-member cluster, stopped when the test ends, and
// two workspaces on its fleet ("machines" that share nothing else).
func twoMachines(t *testing.T) (*etcdtest.Cluster, *call.Env, *call.Env) {
	t.Helper()
	c, err := etcdtest.Start(t.TempDir(), 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Stop)
	return c, fleetWorkspace(t, c.Endpoints[0]), fleetWorkspace(t, c.Endpoints[0])
}

// The lane verbs on an etcd fleet: two workspaces (two "machines") share
// nothing but the cluster; a grant in one refuses an overlapping lane in
// the other; heartbeat, live and release go through etcd; a stopped
// cluster makes acquire exit 4.
func TestFleetLaneVerbsThroughEtcd(t *testing.T) {
	c, m1, m2 := twoMachines(t)
	res := run(t, m1, &LeaseLaneAcquire, func(a *LeaseLaneAcquireArgs) { a.Owner, a.Lane, a.TTL, a.Wait = "A", "l1", 10, 5 })
	if res.ExitCode != 0 {
		t.Fatalf("A on l1: exit %d %s", res.ExitCode, res.Text)
	}
	res = run(t, m2, &LeaseLaneAcquire, func(a *LeaseLaneAcquireArgs) { a.Owner, a.Lane, a.TTL, a.Wait = "B", "l2", 10, 5 })
	if res.ExitCode != 1 {
		t.Fatalf("B on l2 (overlaps A's l1, from the other machine): exit %d %s", res.ExitCode, res.Text)
	}
	res = run(t, m2, &LeaseLaneLive, func(*LeaseLaneLiveArgs) {})
	if live := res.Body.(LeaseLaneLiveResult).Leases; len(live) != 1 || live[0].Lane != "l1" || live[0].Holder != "A" {
		t.Fatalf("live from the other machine: %+v", live)
	}
	res = run(t, m2, &Arbitrate, func(a *ArbitrateArgs) { a.Lane, a.Owner = "l2", "B" })
	if res.Verdict != Refuse {
		t.Fatalf("arbitrate on the other machine did not see A's lease: %s", res.Text)
	}
	res = run(t, m2, &LeaseLaneHeartbeat, func(a *LeaseLaneHeartbeatArgs) { a.Owner, a.Lane, a.Wait = "A", "l1", 5 })
	if res.ExitCode != 0 {
		t.Fatalf("heartbeat: exit %d %s", res.ExitCode, res.Text)
	}
	res = run(t, m1, &LeaseLaneRelease, func(a *LeaseLaneReleaseArgs) { a.Owner, a.Lane, a.Wait = "A", "l1", 5 })
	if res.ExitCode != 0 {
		t.Fatalf("release: exit %d %s", res.ExitCode, res.Text)
	}
	res = run(t, m1, &LeaseLaneHeartbeat, func(a *LeaseLaneHeartbeatArgs) { a.Owner, a.Lane, a.Wait = "A", "l1", 5 })
	if res.ExitCode != 1 {
		t.Fatalf("heartbeat after release: exit %d %s", res.ExitCode, res.Text)
	}
	res = run(t, m2, &LeaseLaneAcquire, func(a *LeaseLaneAcquireArgs) { a.Owner, a.Lane, a.TTL, a.Wait = "B", "l2", 10, 5 })
	if res.ExitCode != 0 {
		t.Fatalf("B on l2 after A's release: exit %d %s", res.ExitCode, res.Text)
	}
	for i, want := range []int64{10, 11, 12, 13} {
		env := []*call.Env{m1, m2}[i%2]
		res = run(t, env, &IDAllocAllocate, func(a *IDAllocAllocateArgs) { a.Scope, a.Start, a.Wait = "runs", 10, 5 })
		if got := res.Body.(IDAllocAllocateResult).ID; res.ExitCode != 0 || got == nil || *got != want {
			t.Fatalf("id-alloc %d from machine %d: exit %d %s", i, i%2+1, res.ExitCode, res.Text)
		}
	}
	res = run(t, m1, &IDAllocPeek, func(a *IDAllocPeekArgs) { a.Scope = "runs" })
	if got := res.Body.(IDAllocPeekResult).ID; got == nil || *got != 13 {
		t.Fatalf("peek: %s", res.Text)
	}
	for _, m := range []string{m1.Cwd, m2.Cwd} {
		if _, err := os.Stat(filepath.Join(m, ".dos", "lane-journal.jsonl")); err == nil {
			t.Fatalf("%s holds a local lane journal", m)
		}
	}
	c.Stop()
	res = run(t, m1, &LeaseLaneAcquire, func(a *LeaseLaneAcquireArgs) { a.Owner, a.Lane, a.TTL, a.Wait = "C", "l3", 10, 5 })
	if res.ExitCode != 4 {
		t.Fatalf("acquire on a stopped cluster: exit %d %s", res.ExitCode, res.Text)
	}
	res = run(t, m1, &IDAllocAllocate, func(a *IDAllocAllocateArgs) { a.Scope, a.Start, a.Wait = "runs", 10, 5 })
	if res.ExitCode != 4 || res.Body.(IDAllocAllocateResult).Outcome != "store-unavailable" || res.Body.(IDAllocAllocateResult).ID != nil {
		t.Fatalf("id-alloc on a stopped cluster: exit %d %+v %s", res.ExitCode, res.Body, res.Text)
	}
	in := IDAllocPeek.NewInput()
	in.Args.(*IDAllocPeekArgs).Scope = "runs"
	if _, err := IDAllocPeek.Run(context.Background(), m1, in); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("id-alloc peek on a stopped cluster: %v, want the store's error", err)
	}
}

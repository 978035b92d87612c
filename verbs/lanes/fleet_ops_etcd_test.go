//go:build etcd

package lanes

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/etcdstore"
)

// fleetStore is a direct client of the fleet fleetWorkspace names, with
// no grace on its leases (a TTL of one second expires in one second).
func fleetStore(t *testing.T, endpoint string) *etcdstore.Store {
	t.Helper()
	s, err := etcdstore.Open(etcdstore.Config{Endpoints: []string{endpoint}, Fleet: "ws", HostID: "direct"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// ops lists the ops of the fleet's events.
func ops(t *testing.T, s store.Store) map[string]int {
	t.Helper()
	ev, err := s.Events(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := map[string]int{}
	for _, e := range ev {
		n[e.Op]++
	}
	return n
}

// halt on an etcd fleet: the HALT is an event in the cluster, correlated
// to a lease granted on the other machine; a stopped cluster records
// nothing (exit 4).
func TestFleetHaltThroughEtcd(t *testing.T) {
	c, m1, m2 := twoMachines(t)
	res := run(t, m1, &LeaseLaneAcquire, func(a *LeaseLaneAcquireArgs) { a.Owner, a.Lane, a.TTL, a.Wait = "A", "l1", 10, 5 })
	if res.ExitCode != 0 {
		t.Fatalf("A on l1: %s", res.Text)
	}
	loop := res.Body.(LeaseLaneAcquireResult).LoopTS
	res = run(t, m2, &Halt, func(a *HaltArgs) { a.Handle, a.Lane, a.Owner, a.Wait = "sess-7", "l1", "operator", 5 })
	b := res.Body.(HaltResult)
	if res.Verdict != Recorded || !b.Correlated || b.LoopTS != loop || b.Seq <= 0 {
		t.Fatalf("halt from the other machine: %v %+v", res.Verdict, b)
	}
	res = run(t, m2, &Halt, func(a *HaltArgs) { a.Handle, a.Lane, a.Wait = "sess-8", "l3", 5 })
	if b := res.Body.(HaltResult); res.Verdict != Recorded || b.Correlated {
		t.Fatalf("halt of a lane nobody holds: %v %+v", res.Verdict, b)
	}
	s := fleetStore(t, c.Endpoints[0])
	if n := ops(t, s); n[lease.OpHalt] != 2 {
		t.Fatalf("events in the cluster: %v", n)
	}
	if live, _ := s.Live(context.Background()); len(live) != 1 {
		t.Fatalf("halt changed the live set: %+v", live)
	}
	c.Stop()
	res = run(t, m1, &Halt, func(a *HaltArgs) { a.Handle, a.Lane, a.Wait = "sess-9", "l1", 5 })
	if res.ExitCode != 4 || res.Body.(HaltResult).Recorded {
		t.Fatalf("halt on a stopped cluster: exit %d %s", res.ExitCode, res.Text)
	}
}

// reap on an etcd fleet: a lease the server expired is recorded as
// scavenged once, whichever machine reaps first; a stopped cluster
// records nothing (exit 4).
func TestFleetReapThroughEtcd(t *testing.T) {
	c, m1, m2 := twoMachines(t)
	s := fleetStore(t, c.Endpoints[0])
	ctx := context.Background()
	cfg := store.Config{Taxonomy: admission.Taxonomy{Concurrent: []string{"l3"}, Trees: map[string][]string{"l3": {"c/"}}}, HostID: "direct"}
	got, err := store.Acquire(ctx, s, time.Now(), cfg, store.AcquireInput{
		Request: admission.Request{Lane: "l3", Owner: "ghost"}, TTLMinutes: 1.0 / 60})
	if err != nil || got.Lease == nil {
		t.Fatalf("ghost: %+v %v", got, err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		live, err := s.Live(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(live) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the ghost's one-second lease outlived 10s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	res := run(t, m1, &LeaseLaneReap, func(a *LeaseLaneReapArgs) { a.Wait = 5 })
	if b := res.Body.(LeaseLaneReapResult); res.Verdict != Reaped || b.Count != 1 || b.Reaped[0].Holder != "ghost" {
		t.Fatalf("reap: %v %+v", res.Verdict, b)
	}
	res = run(t, m2, &LeaseLaneReap, func(a *LeaseLaneReapArgs) { a.Wait = 5 })
	if b := res.Body.(LeaseLaneReapResult); res.Verdict != Reaped || b.Count != 0 {
		t.Fatalf("second reap, other machine: %v %+v", res.Verdict, b)
	}
	if n := ops(t, s); n[lease.OpScavenge] != 1 {
		t.Fatalf("events: %v", n)
	}
	c.Stop()
	res = run(t, m2, &LeaseLaneReap, func(a *LeaseLaneReapArgs) { a.Wait = 5 })
	if res.ExitCode != 4 {
		t.Fatalf("reap on a stopped cluster: exit %d %s", res.ExitCode, res.Text)
	}
}

// The fencing check on an etcd fleet: leases taken on one machine, the
// gate run on the other, generations being etcd create revisions; a
// stopped cluster is an error naming its endpoint, never an ALLOW.
func TestScopeGateFenceThroughEtcd(t *testing.T) {
	c, m1, m2 := twoMachines(t)
	fenceScenario(t, m1, m2)
	c.Stop()
	in := ScopeGate.NewInput()
	a := in.Args.(*ScopeGateArgs)
	a.Lane, a.Files, a.Generation = "l1", []string{"a/x.go"}, 3
	_, err := ScopeGate.Run(context.Background(), m2, in)
	if !errors.Is(err, store.ErrUnavailable) || !strings.Contains(err.Error(), strings.TrimPrefix(c.Endpoints[0], "http://")) {
		t.Fatalf("scope-gate --generation on a stopped cluster: %v", err)
	}
}

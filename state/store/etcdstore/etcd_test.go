//go:build etcd

package etcdstore

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/storetest"
)

var fleets atomic.Int64

// run makes fleet names unique across test processes sharing an etcd.
var run = time.Now().UnixNano()

// open opens a client of c in a fresh fleet (or the named one).
func open(t *testing.T, endpoints []string, fleet string) *Store {
	t.Helper()
	if fleet == "" {
		fleet = fmt.Sprintf("t%d-f%d", run, fleets.Add(1))
	}
	s, err := Open(Config{Endpoints: endpoints, Fleet: fleet, DialTimeout: 2 * time.Second, OpTimeout: 2 * time.Second, HostID: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	c := startCluster(t, 1)
	storetest.Run(t, func(t *testing.T) store.Store { return open(t, c.endpoints, "") })
}

// ledger checks, in the racers' own memory, that no lane is held twice and
// no two live trees overlap. A racer enters after its grant is committed
// and leaves before it releases, so any overlap seen here is real.
type ledger struct {
	mu   sync.Mutex
	live map[string]string // lane -> tree
	bad  []string
}

func (g *ledger) enter(l lease.Lease) {
	g.mu.Lock()
	defer g.mu.Unlock()
	tr := l.Tree[0]
	for lane, other := range g.live {
		if lane == l.Lane || strings.HasPrefix(tr, other) || strings.HasPrefix(other, tr) {
			g.bad = append(g.bad, fmt.Sprintf("%s (%s) granted while %s (%s) live", l.Lane, tr, lane, other))
		}
	}
	g.live[l.Lane] = tr
}

func (g *ledger) leave(l lease.Lease) {
	g.mu.Lock()
	defer g.mu.Unlock()
	delete(g.live, l.Lane)
}

// raceResult is what a race acknowledged.
type raceResult struct {
	acked      map[string]bool // lease ids whose grant returned ok
	grants     atomic.Int64
	busy       atomic.Int64
	unavail    atomic.Int64
	afterEvent atomic.Int64 // grants after the event (member kill)
}

// race runs racers on separate clients, each trying rounds acquisitions of
// a random lane of 8; event, if set, runs once the racers hold after
// grants (counted, not timed: a fast cluster finishes a timed race before
// the event).
func race(t *testing.T, endpoints []string, racers, rounds int, after int64, event func(), wait time.Duration) (*raceResult, *ledger, string) {
	fleet := fmt.Sprintf("t%d-race%d", run, fleets.Add(1))
	g := &ledger{live: map[string]string{}}
	res := &raceResult{acked: map[string]bool{}}
	var mu sync.Mutex
	var fired atomic.Bool
	var wg sync.WaitGroup
	if event != nil {
		wg.Go(func() {
			for res.grants.Load() < after {
				time.Sleep(time.Millisecond)
			}
			event()
			fired.Store(true)
		})
	}
	cfg := storetest.Config("racer")
	cfg.Wait = wait
	for r := range racers {
		s := open(t, endpoints, fleet)
		wg.Go(func() {
			owner := fmt.Sprintf("r%d", r)
			ctx := context.Background()
			// With an event, racing goes on past rounds until the
			// survivors have granted a few after it (or a minute passed).
			start := time.Now()
			more := func(i int) bool {
				return i < rounds || event != nil && res.afterEvent.Load() < 5 && time.Since(start) < time.Minute
			}
			for i := 0; more(i); i++ {
				lane := fmt.Sprintf("l%d", rand.IntN(8))
				out, err := store.Acquire(ctx, s, time.Now(), cfg, store.AcquireInput{
					Request: admission.Request{Lane: lane, Owner: owner}, TTLMinutes: 5,
				})
				switch {
				case errors.Is(err, store.ErrBusy):
					res.busy.Add(1)
					continue
				case errors.Is(err, store.ErrUnavailable):
					res.unavail.Add(1)
					time.Sleep(50 * time.Millisecond)
					continue
				case err != nil:
					t.Errorf("%s: %v", owner, err)
					return
				}
				if out.Lease == nil {
					time.Sleep(time.Duration(rand.IntN(10)) * time.Millisecond)
					continue
				}
				res.grants.Add(1)
				if fired.Load() {
					res.afterEvent.Add(1)
				}
				mu.Lock()
				res.acked[out.Lease.LeaseID] = true
				mu.Unlock()
				g.enter(*out.Lease)
				time.Sleep(time.Duration(2+rand.IntN(10)) * time.Millisecond)
				g.leave(*out.Lease)
				for {
					_, err := s.Release(ctx, out.Lease.LeaseID, owner, lease.ReleaseOf(*out.Lease, "racer", owner))
					if err == nil {
						break
					}
					if !errors.Is(err, store.ErrUnavailable) {
						t.Errorf("%s release: %v", owner, err)
						return
					}
					time.Sleep(50 * time.Millisecond)
				}
			}
		})
	}
	wg.Wait()
	return res, g, fleet
}

// checkAcked reads the events through endpoints and fails when an
// acknowledged grant has no ACQUIRE record.
func checkAcked(t *testing.T, endpoints []string, fleet string, res *raceResult) {
	t.Helper()
	ev, err := open(t, endpoints, fleet).Events(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range ev {
		if e.Op == lease.OpAcquire {
			seen[e.LeaseID] = true
		}
	}
	for id := range res.acked {
		if !seen[id] {
			t.Errorf("acknowledged grant %s has no ACQUIRE event", id)
		}
	}
}

func TestRace40Over8Lanes(t *testing.T) {
	c := startCluster(t, 3)
	start := time.Now()
	res, g, fleet := race(t, c.endpoints, 40, 6, 0, nil, 0)
	t.Logf("40 racers: %d grants, %d busy, %d unavailable in %v", res.grants.Load(), res.busy.Load(), res.unavail.Load(), time.Since(start))
	for _, b := range g.bad {
		t.Error(b)
	}
	if res.grants.Load() == 0 {
		t.Fatal("no grant at all")
	}
	checkAcked(t, c.endpoints, fleet, res)
}

// With a wait, lost races are retried until it runs out: 40 racers on 8
// lanes never answer busy.
func TestRaceWithAWaitIsNeverBusy(t *testing.T) {
	c := startCluster(t, 3)
	res, g, fleet := race(t, c.endpoints, 40, 6, 0, nil, 30*time.Second)
	t.Logf("40 racers with a wait: %d grants, %d busy", res.grants.Load(), res.busy.Load())
	for _, b := range g.bad {
		t.Error(b)
	}
	if res.busy.Load() != 0 || res.grants.Load() == 0 {
		t.Errorf("%d busy answers, %d grants; want no busy answer", res.busy.Load(), res.grants.Load())
	}
	checkAcked(t, c.endpoints, fleet, res)
}

func TestMemberKilledMidRace(t *testing.T) {
	c := startCluster(t, 3)
	res, g, fleet := race(t, c.endpoints, 40, 10, 10, func() { c.kill(0) }, 0)
	t.Logf("member m0 killed: %d grants (%d after the kill), %d busy, %d unavailable",
		res.grants.Load(), res.afterEvent.Load(), res.busy.Load(), res.unavail.Load())
	for _, b := range g.bad {
		t.Error(b)
	}
	if res.afterEvent.Load() == 0 {
		t.Error("the survivors granted nothing after the kill")
	}
	checkAcked(t, c.endpoints[1:], fleet, res)
}

func TestClusterStoppedFailsClosed(t *testing.T) {
	c := startCluster(t, 3)
	s := open(t, c.endpoints, "")
	if res, err := store.Acquire(context.Background(), s, time.Now(), storetest.Config("h"), store.AcquireInput{
		Request: admission.Request{Lane: "l0", Owner: "a"}}); err != nil || res.Lease == nil {
		t.Fatalf("grant before the stop: %+v %v", res, err)
	}
	c.stop()
	start := time.Now()
	res, err := store.Acquire(context.Background(), s, time.Now(), storetest.Config("h"), store.AcquireInput{
		Request: admission.Request{Lane: "l2", Owner: "b"}})
	if !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("acquire on a stopped cluster: err %v, want ErrUnavailable", err)
	}
	if res.Lease != nil || res.Journaled {
		t.Fatalf("a stopped cluster granted: %+v", res)
	}
	if !strings.Contains(err.Error(), c.endpoints[0]) || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("error does not name the endpoints and why: %v", err)
	}
	t.Logf("failed closed in %v: %v", time.Since(start), err)
	if ok, err := s.Heartbeat(context.Background(), "x", "a"); ok || !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("heartbeat on a stopped cluster: %v %v", ok, err)
	}
}

func TestKeepAliveStoppedScavengedOnce(t *testing.T) {
	keepAliveStopped(t, startCluster(t, 3).endpoints)
}

// keepAliveStopped: an unbeaten lease expires on the server clock, its
// holder is told, and five readers record one SCAVENGE between them.
func keepAliveStopped(t *testing.T, endpoints []string) {
	s := open(t, endpoints, "")
	cfg := storetest.Config("h")
	ctx := context.Background()
	// A beaten lease outlives its TTL; an unbeaten one expires on the server.
	beaten, err := store.Acquire(ctx, s, time.Now(), cfg, store.AcquireInput{
		Request: admission.Request{Lane: "l0", Owner: "alice"}, TTLMinutes: 1.0 / 60})
	if err != nil || beaten.Lease == nil {
		t.Fatal(err)
	}
	lapsed, err := store.Acquire(ctx, s, time.Now(), cfg, store.AcquireInput{
		Request: admission.Request{Lane: "l2", Owner: "bob"}, TTLMinutes: 1.0 / 60})
	if err != nil || lapsed.Lease == nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(15 * time.Second)
	for {
		if ok, err := s.Heartbeat(ctx, beaten.Lease.LeaseID, "alice"); !ok || err != nil {
			t.Fatalf("beaten lease lost: %v %v", ok, err)
		}
		_, _, live, err := s.get(ctx, lapsed.Lease.LeaseID) // reads without reaping
		if err != nil {
			t.Fatal(err)
		}
		if !live {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("l2 did not expire within 15s of a 1s TTL")
		}
		time.Sleep(200 * time.Millisecond)
	}
	if ok, err := s.Heartbeat(ctx, lapsed.Lease.LeaseID, "bob"); ok || err != nil {
		t.Fatalf("the lapsed holder was not told it lost the lease: %v %v", ok, err)
	}
	// Five clients find the expiry at once; one SCAVENGE is recorded.
	var reaped atomic.Int64
	var wg sync.WaitGroup
	for range 5 {
		r := open(t, endpoints, strings.TrimPrefix(strings.TrimSuffix(s.prefix, "/"), "/dos/v1/"))
		wg.Go(func() {
			got, err := r.Reap(ctx)
			if err != nil {
				t.Error(err)
			}
			for _, l := range got {
				if l.LeaseID != lapsed.Lease.LeaseID {
					t.Errorf("reaped %s, which did not lapse", l.Lane)
				}
			}
			reaped.Add(int64(len(got)))
		})
	}
	wg.Wait()
	ev, err := s.Events(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range ev {
		if e.Op == lease.OpScavenge {
			n++
			if e.Lane != "l2" || e.LoopTS != lapsed.Lease.LoopTS || e.Reason != "ttl-expired" || e.Seq <= 0 {
				t.Errorf("SCAVENGE of the wrong lease: %+v", e)
			}
		}
	}
	if n != 1 || reaped.Load() != 1 {
		t.Fatalf("%d SCAVENGE events, %d reported reaped; want 1 and 1", n, reaped.Load())
	}
	snap, err := s.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := lanesOf(snap.Live); got != "l0" || len(snap.Reaped) != 0 {
		t.Fatalf("after the scavenge: live %q, reaped again %v", got, snap.Reaped)
	}
}

func lanesOf(ls []lease.Lease) string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Lane)
	}
	return strings.Join(out, ",")
}

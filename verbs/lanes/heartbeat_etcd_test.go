//go:build etcd

package lanes

import (
	"context"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
)

// beats lists the fleet's HEARTBEAT events.
func beats(t *testing.T, s store.Store) []lease.Record {
	t.Helper()
	ev, err := s.Events(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []lease.Record
	for _, e := range ev {
		if e.Op == lease.OpHeartbeat {
			out = append(out, e)
		}
	}
	return out
}

// On etcd a heartbeat renews the lease and records a HEARTBEAT event, as
// the file journal does; --coalesce-within-s skips the event (never the
// renewal) while the grant or the newest recorded beat is younger.
func TestFleetHeartbeatRecordsABeat(t *testing.T) {
	c, m1, m2 := twoMachines(t)
	res := run(t, m1, &LeaseLaneAcquire, func(a *LeaseLaneAcquireArgs) { a.Owner, a.Lane, a.TTL, a.Wait = "A", "l1", 10, 5 })
	if res.ExitCode != 0 {
		t.Fatalf("A on l1: exit %d %s", res.ExitCode, res.Text)
	}
	loop := res.Body.(LeaseLaneAcquireResult).LoopTS
	s := fleetStore(t, c.Endpoints[0])
	if n := len(beats(t, s)); n != 0 {
		t.Fatalf("%d HEARTBEAT events after a grant", n)
	}
	beat := func(env func(*LeaseLaneHeartbeatArgs)) LeaseLaneHeartbeatResult {
		t.Helper()
		res := run(t, m2, &LeaseLaneHeartbeat, func(a *LeaseLaneHeartbeatArgs) { a.Owner, a.Lane, a.Wait = "A", "l1", 5; env(a) })
		if res.Verdict != Beat {
			t.Fatalf("heartbeat: %v %s", res.Verdict, res.Text)
		}
		return res.Body.(LeaseLaneHeartbeatResult)
	}
	b := beat(func(*LeaseLaneHeartbeatArgs) {})
	got := beats(t, s)
	if len(got) != 1 || b.Seq != got[0].Seq || got[0].Lane != "l1" || got[0].LoopTS != loop || got[0].HeartbeatAt == "" {
		t.Fatalf("beat %+v, events %+v", b, got)
	}
	// The grant is younger than the window: renewed, nothing recorded.
	if b := beat(func(a *LeaseLaneHeartbeatArgs) { a.Coalesce = 3600 }); b.Seq != 0 || len(beats(t, s)) != 1 {
		t.Fatalf("a coalesced beat recorded an event: %+v", b)
	}
	// Ten minutes on, the grant is old but the beat recorded then is
	// young: a beat a minute later is coalesced against the beat, one
	// three minutes later is recorded.
	base := time.Now()
	at := func(d time.Duration) { m2.Now = func() time.Time { return base.Add(d) } }
	at(10 * time.Minute)
	beat(func(*LeaseLaneHeartbeatArgs) {})
	at(11 * time.Minute)
	if b := beat(func(a *LeaseLaneHeartbeatArgs) { a.Coalesce = 120 }); b.Seq != 0 || len(beats(t, s)) != 2 {
		t.Fatalf("a beat within the window of the last recorded one was recorded: %+v", b)
	}
	at(13 * time.Minute)
	if b := beat(func(a *LeaseLaneHeartbeatArgs) { a.Coalesce = 120 }); b.Seq == 0 || len(beats(t, s)) != 3 {
		t.Fatalf("a beat past the window was not recorded: %+v", b)
	}
	if live, err := s.Live(context.Background()); err != nil || len(live) != 1 {
		t.Fatalf("live after the beats: %+v %v", live, err)
	}
	c.Stop()
	res = run(t, m2, &LeaseLaneHeartbeat, func(a *LeaseLaneHeartbeatArgs) { a.Owner, a.Lane, a.Wait = "A", "l1", 5 })
	if res.ExitCode != 4 {
		t.Fatalf("heartbeat on a stopped cluster: exit %d %s", res.ExitCode, res.Text)
	}
}

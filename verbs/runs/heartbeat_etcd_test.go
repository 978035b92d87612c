//go:build etcd

package runs

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/dispatchos/dos/internal/fleettest"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/liveness"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/verbs/lanes"
)

// newestMS is the time of the fleet's newest op event for lane.
func newestMS(t *testing.T, s store.Store, op, lane string) int64 {
	t.Helper()
	ev, err := s.Events(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ms int64
	for _, e := range ev {
		if e.Op == op && e.Lane == lane {
			if at, ok := liveness.RecordMS(e); ok {
				ms = max(ms, at)
			}
		}
	}
	if ms == 0 {
		t.Fatalf("no %s event for %s", op, lane)
	}
	return ms
}

// On etcd, liveness and status count a run's heartbeat age from its
// newest lease-lane heartbeat (recorded as an event), not from its grant.
func TestHeartbeatAgeThroughEtcd(t *testing.T) {
	_, s, env, l := grantedOnAnotherMachine(t)
	granted := newestMS(t, s, lease.OpAcquire, "src")
	now := granted + 20*60_000
	ages := func() (fromLiveness, fromStatus int64) {
		t.Helper()
		res, err := fleettest.Run(env, &Liveness, func(a *LivenessArgs) {
			a.RunID, a.Lane, a.LoopTS, a.NowMS = fleetRun, "src", l.LoopTS, strconv.FormatInt(now, 10)
		})
		if err != nil {
			t.Fatal(err)
		}
		l := res.Body.(LivenessResult).Evidence.LastHeartbeatAgeMS
		res, err = fleettest.Run(env, &Status, func(a *StatusArgs) { a.RunID, a.NowMS = fleetRun, strconv.FormatInt(now, 10) })
		if err != nil {
			t.Fatal(err)
		}
		st := res.Body.(StatusResult).Liveness.Evidence.LastHeartbeatAgeMS
		if l == nil || st == nil {
			t.Fatalf("no heartbeat age: liveness %v, status %v", l, st)
		}
		return *l, *st
	}
	if l, st := ages(); l != now-granted || st != now-granted {
		t.Fatalf("before any beat: ages %d, %d; want %d (from the grant)", l, st, now-granted)
	}
	time.Sleep(1100 * time.Millisecond) // stamps have whole seconds
	res, err := fleettest.Run(env, &lanes.LeaseLaneHeartbeat, func(a *lanes.LeaseLaneHeartbeatArgs) { a.Lane, a.Owner, a.Wait = "src", "agent-A", 5 })
	if err != nil || res.Verdict != lanes.Beat {
		t.Fatalf("heartbeat: %v %+v", err, res)
	}
	beat := newestMS(t, s, lease.OpHeartbeat, "src")
	if beat <= granted {
		t.Fatalf("the beat (%d) is not after the grant (%d)", beat, granted)
	}
	if l, st := ages(); l != now-beat || st != now-beat {
		t.Fatalf("after a beat: ages %d, %d; want %d (from the beat)", l, st, now-beat)
	}
}

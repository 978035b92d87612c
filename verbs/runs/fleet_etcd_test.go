//go:build etcd

package runs

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/internal/fleettest"
	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/etcdstore"
	"github.com/dispatchos/dos/state/store/etcdstore/etcdtest"
)

// grantedOnAnotherMachine starts a one-member cluster (stopped when the
// test ends), grants lane src to agent-A for run fleetRun from another
// machine's client, and returns that client, this machine's workspace
// and the lease.
func grantedOnAnotherMachine(t *testing.T) (*etcdtest.Cluster, *etcdstore.Store, *call.Env, lease.Lease) {
	t.Helper()
	c, err := etcdtest.Start(t.TempDir(), 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Stop)
	s, err := etcdstore.Open(etcdstore.Config{Endpoints: c.Endpoints, Fleet: "runs", HostID: "other"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	cfg := store.Config{Taxonomy: admission.Taxonomy{Concurrent: []string{"src"}, Trees: map[string][]string{"src": {"src/"}}}, HostID: "other"}
	got, err := store.Acquire(context.Background(), s, time.Now(), cfg, store.AcquireInput{
		Request: admission.Request{Lane: "src", Owner: "agent-A"}, RunID: fleetRun, TTLMinutes: 10})
	if err != nil || got.Lease == nil {
		t.Fatalf("acquire: %+v %v", got, err)
	}
	return c, s, fleetEnv(t, c.Endpoints[0]), *got.Lease
}

// status, trace and liveness on an etcd fleet read the run's lease and
// its events from the cluster (granted by another machine); a stopped
// cluster is an error naming its endpoint.
func TestRunVerbsThroughEtcd(t *testing.T) {
	c, _, env, granted := grantedOnAnotherMachine(t)
	res, err := fleettest.Run(env, &Status, func(a *StatusArgs) { a.RunID = fleetRun })
	if err != nil {
		t.Fatal(err)
	}
	if b := res.Body.(StatusResult); len(b.Region) != 1 || b.Region[0] != "src/" || b.Liveness.Evidence.LastHeartbeatAgeMS == nil {
		t.Fatalf("status from the cluster: %+v", b)
	}
	res, err = fleettest.Run(env, &Trace, func(a *TraceArgs) { a.RunID = fleetRun })
	if err != nil {
		t.Fatal(err)
	}
	if w := res.Body.(TraceResult).WAL; len(w.LeaseEvents) != 1 || w.LeaseEvents[0].Op != "ACQUIRE" {
		t.Fatalf("trace from the cluster: %+v", w)
	}
	res, err = fleettest.Run(env, &Liveness, func(a *LivenessArgs) { a.RunID, a.Lane, a.LoopTS = fleetRun, "src", granted.LoopTS })
	if err != nil {
		t.Fatal(err)
	}
	if b := res.Body.(LivenessResult); b.Evidence.LastHeartbeatAgeMS == nil || *b.Evidence.LastHeartbeatAgeMS > 60_000 {
		t.Fatalf("liveness from the cluster: %+v", b)
	}
	if _, err := os.Stat(filepath.Join(env.Cwd, ".dos", "lane-journal.jsonl")); err == nil {
		t.Fatal("a run verb made a local lane journal on a fleet")
	}
	c.Stop()
	_, err = fleettest.Run(env, &Status, func(a *StatusArgs) { a.RunID = fleetRun })
	if !errors.Is(err, store.ErrUnavailable) || !strings.Contains(err.Error(), strings.TrimPrefix(c.Endpoints[0], "http://")) {
		t.Fatalf("status on a stopped cluster: %v", err)
	}
}

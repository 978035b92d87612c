package runs

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/internal/fleettest"
	"github.com/dispatchos/dos/state/store"
)

// fleetEnv is a workspace (outside git) whose leases live in the etcd
// fleet "runs" at endpoint, with lanes src and docs.
func fleetEnv(t *testing.T, endpoint string) *call.Env {
	t.Helper()
	return fleettest.Env(t, "[lanes]\nconcurrent = [\"src\", \"docs\"]\n[lanes.trees]\nsrc = [\"src/\"]\ndocs = [\"docs/\"]\n", "runs", endpoint)
}

const fleetRun = "RID-1KSR49200000C1S"

// The run verbs on an etcd fleet that cannot be reached say so (an error
// naming the store, exit 2) instead of reading an empty local journal.
func TestRunVerbsFleetUnreachable(t *testing.T) {
	env := fleetEnv(t, "http://127.0.0.1:1")
	if _, err := fleettest.Run(env, &Status, func(a *StatusArgs) { a.RunID = fleetRun }); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("status: %v", err)
	}
	if _, err := fleettest.Run(env, &Trace, func(a *TraceArgs) { a.RunID = fleetRun }); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("trace: %v", err)
	}
	if _, err := fleettest.Run(env, &Liveness, func(a *LivenessArgs) { a.RunID, a.Lane, a.LoopTS = fleetRun, "src", "2026-01-01T00:00:00Z" }); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("liveness: %v", err)
	}
	if _, err := os.Stat(filepath.Join(env.Cwd, ".dos", "lane-journal.jsonl")); err == nil {
		t.Fatal("a run verb made a local lane journal on a fleet")
	}
}

package lanes

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/internal/fleettest"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/backend"
)

// fleetWorkspace is a workspace whose dos.toml puts leases in an etcd
// fleet, with lanes l1 and l2 (overlapping) and l3.
func fleetWorkspace(t *testing.T, endpoints string) *call.Env {
	t.Helper()
	return fleettest.Env(t, "[lanes]\nconcurrent = [\"l1\", \"l2\", \"l3\"]\n[lanes.trees]\nl1 = [\"a/\"]\nl2 = [\"a/b/\"]\nl3 = [\"c/\"]\n", "ws", endpoints)
}

// run runs verb d with args set by set and returns the verdict name.
func run[A any](t *testing.T, env *call.Env, d *call.Def, set func(*A)) *call.Result {
	t.Helper()
	in := d.NewInput()
	set(in.Args.(*A))
	res, err := d.Run(context.Background(), env, in)
	if err != nil {
		t.Fatalf("%s: %v", d.Path, err)
	}
	return res
}

// An etcd fleet that cannot be reached (or is not built in) never grants,
// exits 4, and leaves no lease state in the workspace's .dos/.
func TestFleetUnreachableFailsClosed(t *testing.T) {
	env := fleetWorkspace(t, "http://127.0.0.1:1")
	res := run(t, env, &LeaseLaneAcquire, func(a *LeaseLaneAcquireArgs) { a.Owner, a.Lane, a.TTL, a.Wait = "A", "l1", 10, 5 })
	if res.Verdict != LockBusy || res.ExitCode != 4 {
		t.Fatalf("acquire on an unreachable fleet: verdict %v exit %d: %s", res.Verdict, res.ExitCode, res.Text)
	}
	if _, err := os.Stat(filepath.Join(env.Cwd, ".dos", "lane-journal.jsonl")); err == nil {
		t.Fatal("a fleet member wrote a local lane journal")
	}
	in := Arbitrate.NewInput()
	in.Args.(*ArbitrateArgs).Lane = "l3"
	// With the etcd backend built in, the error names the endpoint.
	if _, err := Arbitrate.Run(context.Background(), env, in); !errors.Is(err, store.ErrUnavailable) ||
		(!errors.Is(err, backend.ErrNotBuilt) && !strings.Contains(err.Error(), "127.0.0.1:1")) {
		t.Fatalf("arbitrate on an unreachable fleet without --leases: %v (want the store's error naming the endpoint, exit 2)", err)
	}
	res = run(t, env, &LeaseLaneRelease, func(a *LeaseLaneReleaseArgs) { a.Owner, a.Lane, a.Wait = "A", "l1", 5 })
	if res.ExitCode != 4 {
		t.Fatalf("release on an unreachable fleet: exit %d", res.ExitCode)
	}
}

package loop

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/internal/fleettest"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/verbs/lanes"
)

// fleetEnv is a workspace (outside git) whose leases live in the etcd
// fleet "loop" at endpoint, with lanes src and docs and a worker template
// that starts and ends at once.
func fleetEnv(t *testing.T, endpoint string) *call.Env {
	t.Helper()
	return fleettest.Env(t, "[lanes]\nconcurrent = [\"src\", \"docs\"]\n[lanes.trees]\nsrc = [\"src/\"]\ndocs = [\"docs/\"]\n"+
		"[supervise]\nworker_launch_template = \"true {lane}\"\n", "loop", endpoint)
}

// noLocalLeaseState fails when the workspace's .dos/ holds anything but
// its .gitignore and the spawned workers' logs: on a fleet the journal,
// its lock and its cache live in the cluster.
func noLocalLeaseState(t *testing.T, env *call.Env) {
	t.Helper()
	root := filepath.Join(env.Cwd, ".dos")
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == root {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		if rel == ".gitignore" || rel == "spawned" || strings.HasPrefix(rel, "spawned"+string(filepath.Separator)) {
			return nil
		}
		t.Errorf("a fleet member wrote %s under .dos/", rel)
		return nil
	})
}

// On an etcd fleet that cannot be reached (or is not built in), a plan is
// an error naming the store (exit 2), while loop --enact and watch, which
// write, answer LOCK_BUSY (exit 4); none of them touches the local .dos/.
func TestLoopFleetUnreachable(t *testing.T) {
	env := fleetEnv(t, "http://127.0.0.1:1")
	if _, err := fleettest.Run(env, &Loop, func(*LoopArgs) {}); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("loop: %v", err)
	}
	res, err := fleettest.Run(env, &Loop, func(a *LoopArgs) { a.Enact = true })
	if err != nil || res.Verdict != lanes.LockBusy || res.ExitCode != 4 || len(res.Body.(LoopResult).Spawn) != 0 {
		t.Fatalf("loop --enact: %v %+v", err, res)
	}
	res, err = fleettest.Run(env, &Watch, func(a *WatchArgs) { a.Discover = true })
	if err != nil || res.Verdict != lanes.LockBusy || res.ExitCode != 4 || !strings.Contains(res.Body.(WatchResult).Reason, "unavailable") {
		t.Fatalf("watch: %v %+v", err, res)
	}
	noLocalLeaseState(t, env)
}

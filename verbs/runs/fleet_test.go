package runs

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/state/store"
)

// fleetEnv is a workspace (outside git) whose leases live in the etcd
// fleet "runs" at endpoint, with lanes src and docs.
func fleetEnv(t *testing.T, endpoint string) *call.Env {
	t.Helper()
	dir := t.TempDir()
	toml := "[lanes]\nconcurrent = [\"src\", \"docs\"]\n[lanes.trees]\nsrc = [\"src/\"]\ndocs = [\"docs/\"]\n" +
		"[fleet]\nbackend = \"etcd\"\nname = \"runs\"\ndial_timeout_ms = 1500\n"
	if err := os.WriteFile(filepath.Join(dir, "dos.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DOS_ETCD_ENDPOINTS": endpoint}
	return &call.Env{Now: time.Now, Getenv: func(k string) string { return env[k] }, Cwd: dir, WorkspaceFlag: dir, Stderr: &bytes.Buffer{}}
}

// runVerb runs d with args set by set; the error is returned, not fatal.
func runVerb[A any](env *call.Env, d *call.Def, set func(*A)) (*call.Result, error) {
	in := d.NewInput()
	set(in.Args.(*A))
	return d.Run(context.Background(), env, in)
}

const fleetRun = "RID-1KSR49200000C1S"

// The run verbs on an etcd fleet that cannot be reached say so (an error
// naming the store, exit 2) instead of reading an empty local journal.
func TestRunVerbsFleetUnreachable(t *testing.T) {
	env := fleetEnv(t, "http://127.0.0.1:1")
	if _, err := runVerb(env, Status, func(a *StatusArgs) { a.RunID = fleetRun }); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("status: %v", err)
	}
	if _, err := runVerb(env, Trace, func(a *TraceArgs) { a.RunID = fleetRun }); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("trace: %v", err)
	}
	if _, err := runVerb(env, Liveness, func(a *LivenessArgs) { a.RunID, a.Lane, a.LoopTS = fleetRun, "src", "2026-01-01T00:00:00Z" }); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("liveness: %v", err)
	}
	if _, err := os.Stat(filepath.Join(env.Cwd, ".dos", "lane-journal.jsonl")); err == nil {
		t.Fatal("a run verb made a local lane journal on a fleet")
	}
}

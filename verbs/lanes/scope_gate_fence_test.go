package lanes

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

// fileWorkspace is fleetWorkspace's lanes on the file journal.
func fileWorkspace(t *testing.T) *call.Env {
	t.Helper()
	dir := t.TempDir()
	toml := "[lanes]\nconcurrent = [\"l1\", \"l2\", \"l3\"]\n[lanes.trees]\nl1 = [\"a/\"]\nl2 = [\"a/b/\"]\nl3 = [\"c/\"]\n"
	if err := os.WriteFile(filepath.Join(dir, "dos.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	return &call.Env{Now: time.Now, Getenv: func(string) string { return "" }, Cwd: dir, WorkspaceFlag: dir, Stderr: &bytes.Buffer{}}
}

// take acquires lane for owner (with --force when force) and returns the
// generation acquire answered.
func take(t *testing.T, env *call.Env, lane, owner string, force bool) int64 {
	t.Helper()
	res := run(t, env, &LeaseLaneAcquire, func(a *LeaseLaneAcquireArgs) { a.Owner, a.Lane, a.TTL, a.Wait, a.Force = owner, lane, 10, 5, force })
	b := res.Body.(LeaseLaneAcquireResult)
	if res.ExitCode != 0 || b.LaneGrant == nil || b.Generation <= 0 {
		t.Fatalf("%s on %s: exit %d %s", owner, lane, res.ExitCode, res.Text)
	}
	return b.Generation
}

// gate runs scope-gate on lane for a change to a/x.go made under gen.
func gate(t *testing.T, env *call.Env, lane string, gen int64) *call.Result {
	t.Helper()
	return run(t, env, &ScopeGate, func(a *ScopeGateArgs) { a.Lane, a.Files, a.Generation = lane, []string{"a/x.go"}, gen })
}

// fenceScenario is the fencing check against one backend, from machine
// m1 (which takes the leases) and m2 (which gates): a change lands only
// while the lease it was made under is the lane's live one and no newer
// lease overlaps it.
func fenceScenario(t *testing.T, m1, m2 *call.Env) {
	g1 := take(t, m1, "l1", "A", false)
	res := gate(t, m2, "l1", g1)
	if res.Verdict != Allow || res.Body.(ScopeGateResult).Fence == nil || !res.Body.(ScopeGateResult).Fence.Allowed {
		t.Fatalf("a change under the live lease: %v %s", res.Verdict, res.Text)
	}
	run(t, m1, &LeaseLaneRelease, func(a *LeaseLaneReleaseArgs) { a.Owner, a.Lane, a.Wait = "A", "l1", 5 })
	res = gate(t, m2, "l1", g1)
	if res.Verdict != FencedOff || res.ExitCode != 7 {
		t.Fatalf("a change under a released lease: %v exit %d %s", res.Verdict, res.ExitCode, res.Text)
	}
	g2 := take(t, m1, "l1", "B", false)
	if g2 <= g1 {
		t.Fatalf("re-taken at generation %d, not above %d", g2, g1)
	}
	res = gate(t, m2, "l1", g1)
	if f := res.Body.(ScopeGateResult).Fence; res.Verdict != FencedOff || f.LiveGeneration != g2 || f.By == nil || f.By.Holder != "B" {
		t.Fatalf("a change under the lost lease: %v %+v", res.Verdict, f)
	}
	if res = gate(t, m2, "l1", g2); res.Verdict != Allow {
		t.Fatalf("a change under the new lease: %v %s", res.Verdict, res.Text)
	}
	g3 := take(t, m1, "l2", "op", true) // the operator forces an overlapping lane
	res = gate(t, m2, "l1", g2)
	if f := res.Body.(ScopeGateResult).Fence; res.Verdict != FencedOff || f.By == nil || f.By.Lane != "l2" {
		t.Fatalf("a change under a lease overtaken by a forced newer one (generation %d): %v %+v", g3, res.Verdict, f)
	}
	res = run(t, m2, &ScopeGate, func(a *ScopeGateArgs) { a.Lane, a.Files, a.Generation = "l2", []string{"a/b/y.go"}, g3 })
	if res.Verdict != Allow {
		t.Fatalf("a change under the newest lease: %v %s", res.Verdict, res.Text)
	}
	res = run(t, m2, &ScopeGate, func(a *ScopeGateArgs) { a.Lane, a.Files = "l1", []string{"a/x.go"} })
	if res.Verdict != Allow || res.Body.(ScopeGateResult).Fence != nil {
		t.Fatalf("without --generation the fence is not checked: %v %+v", res.Verdict, res.Body)
	}
}

func TestScopeGateFenceFileJournal(t *testing.T) {
	env := fileWorkspace(t)
	fenceScenario(t, env, env)
}

// The fence on an etcd fleet that cannot be reached is an error (exit 2),
// never an ALLOW.
func TestScopeGateFenceUnreachableFleet(t *testing.T) {
	env := fleetWorkspace(t, "http://127.0.0.1:1")
	in := ScopeGate.NewInput()
	a := in.Args.(*ScopeGateArgs)
	a.Lane, a.Files, a.Generation = "l1", []string{"a/x.go"}, 3
	if _, err := ScopeGate.Run(context.Background(), env, in); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("scope-gate --generation on an unreachable fleet: %v", err)
	}
}

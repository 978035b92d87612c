package lanes

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/backend"
)

// The archive lock on an etcd fleet that cannot be reached (or is not
// built in): acquire and release exit 4 with nothing changed, status
// names the endpoint that failed, and no lock file appears locally, even
// where DISPATCH_ARCHIVE_LOCK_PATH points.
func TestFleetArchiveUnreachableFailsClosed(t *testing.T) {
	env := fleetWorkspace(t, "http://127.0.0.1:1")
	local := filepath.Join(env.Cwd, "archive.lock")
	getenv := env.Getenv
	env.Getenv = func(k string) string {
		if k == "DISPATCH_ARCHIVE_LOCK_PATH" {
			return local
		}
		return getenv(k)
	}
	res := run(t, env, &LeaseAcquire, func(a *LeaseAcquireArgs) { a.Owner, a.Retries, a.RetryInterval, a.TTLSeconds = "alice", 0, 1, 60 })
	if res.Verdict != LockBusy || res.ExitCode != 4 {
		t.Fatalf("lease acquire on an unreachable fleet: %v exit %d: %s", res.Verdict, res.ExitCode, res.Text)
	}
	if b := res.Body.(ArchiveLockResult); b.Outcome != "store-unavailable" {
		t.Fatalf("body %+v", b)
	}
	res = run(t, env, &LeaseRelease, func(a *LeaseReleaseArgs) { a.Owner = "alice" })
	if res.ExitCode != 4 {
		t.Fatalf("lease release on an unreachable fleet: exit %d: %s", res.ExitCode, res.Text)
	}
	in := LeaseStatus.NewInput()
	in.Args.(*LeaseStatusArgs).TTLSeconds = 300
	_, err := LeaseStatus.Run(context.Background(), env, in)
	if !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("lease status on an unreachable fleet: %v", err)
	}
	if _, statErr := os.Stat(local); statErr == nil {
		t.Fatal("a fleet member wrote a local archive lock")
	}
	// With the etcd backend built in, the error names the endpoint.
	if !errors.Is(err, backend.ErrNotBuilt) && !strings.Contains(err.Error(), "127.0.0.1:1") {
		t.Fatalf("status error does not name the endpoint: %v", err)
	}
}

// halt and reap on an etcd fleet that cannot be reached: exit 4, nothing
// recorded, no local journal.
func TestFleetHaltReapUnreachableFailClosed(t *testing.T) {
	env := fleetWorkspace(t, "http://127.0.0.1:1")
	res := run(t, env, &Halt, func(a *HaltArgs) { a.Handle, a.Lane, a.Wait = "sess-1", "l1", 5 })
	if res.Verdict != LockBusy || res.ExitCode != 4 || res.Body.(HaltResult).Recorded {
		t.Fatalf("halt: %v exit %d %s", res.Verdict, res.ExitCode, res.Text)
	}
	res = run(t, env, &LeaseLaneReap, func(a *LeaseLaneReapArgs) { a.Wait = 5 })
	if res.Verdict != LockBusy || res.ExitCode != 4 {
		t.Fatalf("reap: %v exit %d %s", res.Verdict, res.ExitCode, res.Text)
	}
	if _, err := os.Stat(filepath.Join(env.Cwd, ".dos", "lane-journal.jsonl")); err == nil {
		t.Fatal("a fleet member wrote a local lane journal")
	}
}

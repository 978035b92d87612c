//go:build etcd

package lanes

import (
	"os"
	"path/filepath"
	"testing"
)

// The archive lock on an etcd fleet: taken on one machine, busy and not
// releasable by another owner on the other, re-entrant for its owner,
// released, and nothing taken once the cluster is down. Neither machine
// holds a lock file.
func TestFleetArchiveThroughEtcd(t *testing.T) {
	c, m1, m2 := twoMachines(t)
	take := func(a *LeaseAcquireArgs, owner string) {
		a.Owner, a.Retries, a.RetryInterval, a.TTLSeconds = owner, 0, 0.1, 60
	}
	res := run(t, m1, &LeaseAcquire, func(a *LeaseAcquireArgs) { take(a, "alice") })
	if res.Verdict != Acquired || res.Text != "acquired alice" {
		t.Fatalf("alice: %v %s", res.Verdict, res.Text)
	}
	res = run(t, m2, &LeaseAcquire, func(a *LeaseAcquireArgs) { take(a, "bob"); a.Retries = 1 })
	if res.Verdict != Busy || res.ExitCode != 1 {
		t.Fatalf("bob on the other machine: %v exit %d %s", res.Verdict, res.ExitCode, res.Text)
	}
	if b := res.Body.(ArchiveLockResult); b.ArchivePrev == nil || b.PrevOwner != "alice" {
		t.Fatalf("bob's answer does not name alice: %+v", b)
	}
	res = run(t, m2, &LeaseStatus, func(a *LeaseStatusArgs) { a.TTLSeconds = 1 })
	if b := res.Body.(LeaseStatusResult); res.Verdict != Held || b.ArchiveHolder == nil || b.Owner != "alice" || b.AgeS == nil {
		t.Fatalf("status from the other machine (a fleet lock is never stale): %v %+v", res.Verdict, b)
	}
	res = run(t, m1, &LeaseAcquire, func(a *LeaseAcquireArgs) { take(a, "alice") })
	if b := res.Body.(ArchiveLockResult); res.Verdict != Acquired || b.Outcome != "re-entrant" {
		t.Fatalf("alice again: %v %+v", res.Verdict, b)
	}
	res = run(t, m2, &LeaseRelease, func(a *LeaseReleaseArgs) { a.Owner = "bob" })
	if res.Verdict != NotOwner {
		t.Fatalf("bob's release: %v %s", res.Verdict, res.Text)
	}
	res = run(t, m2, &LeaseRelease, func(a *LeaseReleaseArgs) { a.Owner = "alice" })
	if res.Verdict != Released || res.Text != "released alice" {
		t.Fatalf("alice's release from the other machine: %v %s", res.Verdict, res.Text)
	}
	res = run(t, m1, &LeaseStatus, func(a *LeaseStatusArgs) { a.TTLSeconds = 300 })
	if res.Verdict != Free {
		t.Fatalf("status after release: %v %s", res.Verdict, res.Text)
	}
	for _, m := range []string{m1.Cwd, m2.Cwd} {
		if _, err := os.Stat(filepath.Join(m, ".dos", "leases", ".archive.lock")); err == nil {
			t.Fatalf("%s holds a local archive lock", m)
		}
	}
	c.Stop()
	res = run(t, m2, &LeaseAcquire, func(a *LeaseAcquireArgs) { take(a, "bob") })
	if res.ExitCode != 4 {
		t.Fatalf("acquire on a stopped cluster: exit %d %s", res.ExitCode, res.Text)
	}
}

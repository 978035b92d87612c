//go:build etcd

package hook

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/hook"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/etcdstore"
	"github.com/dispatchos/dos/state/store/etcdstore/etcdtest"
)

// The hook on an etcd fleet: a lease granted from another machine refuses
// a loop's write into its tree, the ENFORCE lands in the cluster (no local
// journal), the apply gate checks generations against the cluster, and a
// stopped cluster refuses a loop's writes.
func TestPretoolThroughEtcd(t *testing.T) {
	c, err := etcdtest.Start(t.TempDir(), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	s, err := etcdstore.Open(etcdstore.Config{Endpoints: c.Endpoints, Fleet: "hk", HostID: "other-machine"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	cfg := store.Config{Taxonomy: admission.Taxonomy{Concurrent: []string{"docs", "src"},
		Trees: map[string][]string{"docs": {"docs/**"}, "src": {"src/**"}}}, HostID: "other-machine"}
	take := func(lane, owner string) store.AcquireResult {
		r, err := store.Acquire(ctx, s, time.Now(), cfg, store.AcquireInput{Request: admission.Request{Lane: lane, Owner: owner}, TTLMinutes: 10})
		if err != nil || r.Lease == nil {
			t.Fatalf("%s on %s: %+v %v", owner, lane, r.Decision, err)
		}
		return r
	}
	take("docs", "other-agent")
	dir := fleetRepo(t)
	e := env{"DOS_ETCD_ENDPOINTS": c.Endpoints[0], "DOS_LOOP": "1"}
	out, _ := invoke(t, "pretool", "", dir, e, writeEvent(dir, "docs/a.md", "me"))
	if permission(t, out) != "deny" || !strings.Contains(out, "other-agent") {
		t.Fatalf("a write into another machine's lease: %q", out)
	}
	if out, _ := invoke(t, "pretool", "", dir, e, writeEvent(dir, "src/a.go", "me")); out != "" {
		t.Fatalf("a write into a free lane: %q", out)
	}
	ev, err := s.Events(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if last := ev[len(ev)-1]; last.Op != hook.OpEnforce {
		t.Fatalf("the deny's ENFORCE is not in the cluster: %+v", last)
	}
	if _, err := os.Stat(filepath.Join(dir, ".dos", "lane-journal.jsonl")); err == nil {
		t.Fatal("the hook wrote a local lane journal on a fleet")
	}

	mine := take("src", "me")
	e["DOS_APPLY_GATE"], e["DOS_LEASE_GENERATION"] = "1", strconv.FormatInt(mine.Generation, 10)
	if out, _ := invoke(t, "pretool", "", dir, e, writeEvent(dir, "src/a.go", "me")); out != "" {
		t.Fatalf("a write under the live etcd lease: %q", out)
	}
	if _, err := s.Release(ctx, mine.Lease.LeaseID, "me", lease.ReleaseOf(*mine.Lease, "h", "me")); err != nil {
		t.Fatal(err)
	}
	out, _ = invoke(t, "pretool", "", dir, e, writeEvent(dir, "src/a.go", "me"))
	if permission(t, out) != "deny" || !strings.Contains(out, "FENCED") {
		t.Fatalf("a write under a released etcd lease: %q", out)
	}

	c.Stop()
	delete(e, "DOS_APPLY_GATE")
	out, _ = invoke(t, "pretool", "", dir, e, writeEvent(dir, "src/a.go", "me"))
	if permission(t, out) != "deny" || !strings.Contains(out, strings.TrimPrefix(c.Endpoints[0], "http://")) {
		t.Fatalf("a loop's write on a stopped cluster (the reason names the endpoint): %q", out)
	}
}

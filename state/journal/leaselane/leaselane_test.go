package leaselane

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
)

var t0 = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func testConfig() Config {
	return Config{
		Taxonomy: admission.Taxonomy{
			Concurrent: []string{"src", "docs"}, Exclusive: []string{"global"}, Autopick: []string{"src", "docs"},
			Trees: map[string][]string{"src": {"src/**"}, "docs": {"docs/**"}},
		},
		Expiry: lease.DefaultPolicy, Wait: time.Second, HostID: "test-host", PID: 7,
	}
}

func acquire(t *testing.T, j *journal.Journal, now time.Time, owner, lane string, exact bool) AcquireResult {
	t.Helper()
	r, err := Acquire(context.Background(), j, now, testConfig(), AcquireInput{
		Request: admission.Request{Lane: lane, Owner: owner, Exact: exact, Auto: !exact}, TTLMinutes: 30,
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestAcquireJournalsBeforeAnswering(t *testing.T) {
	j := journal.New(filepath.Join(t.TempDir(), "j.jsonl"))
	r := acquire(t, j, t0, "A", "src", false)
	if !r.Decision.Granted() || !r.Journaled || r.Lease.LeaseID == "" || r.Generation != 1 || r.Seq != 1 {
		t.Fatalf("first grant: %+v", r)
	}
	rp, _ := j.Replay()
	if live := rp.State.Live(); len(live) != 1 || live[0].Holder != "A" || live[0].LaneKind != "cluster" || live[0].TTLMinutes != 30 {
		t.Fatalf("journal live set: %+v", live)
	}
	// B asked for --auto and is redirected; C with --exact is refused and
	// the refusal journaled.
	if r := acquire(t, j, t0, "B", "src", false); r.Decision.Lane != "docs" || !r.Decision.AutoPicked {
		t.Fatalf("redirect: %+v", r.Decision)
	}
	if r := acquire(t, j, t0, "C", "src", true); r.Decision.Granted() || !r.Journaled {
		t.Fatalf("exact refusal: %+v", r)
	}
}

func TestReacquireBySameOwnerRefreshesNotDoubles(t *testing.T) {
	j := journal.New(filepath.Join(t.TempDir(), "j.jsonl"))
	acquire(t, j, t0, "A", "src", true)
	r := acquire(t, j, t0.Add(time.Minute), "A", "src", true)
	if !r.Decision.Granted() || r.Lease.LoopTS != lease.FormatStamp(t0) {
		t.Fatalf("re-acquire: %+v", r)
	}
	rp, _ := j.Replay()
	if live := rp.State.Live(); len(live) != 1 || live[0].AcquiredAt != lease.FormatStamp(t0.Add(time.Minute)) {
		t.Fatalf("live = %+v", live)
	}
	if res, _ := Release(context.Background(), j, t0, testConfig(), Match{Lane: "src", Owner: "A"}); !res.Done {
		t.Fatal("release")
	}
	if live, _ := Live(j, t0, testConfig()); len(live) != 0 {
		t.Fatalf("after one release: %+v", live)
	}
}

func TestExpiryIsDurableBeforeDeciding(t *testing.T) {
	j := journal.New(filepath.Join(t.TempDir(), "j.jsonl"))
	acquire(t, j, t0, "A", "src", true)
	later := t0.Add(36 * time.Minute) // 30 min ttl + 5 min grace passed
	if live, _ := Live(j, later, testConfig()); len(live) != 0 {
		t.Fatalf("expired lease still listed: %+v", live)
	}
	r := acquire(t, j, later, "B", "src", true)
	if !r.Decision.Granted() || len(r.Reaped) != 1 || r.Reaped[0].Holder != "A" {
		t.Fatalf("acquire over an expired lease: %+v", r)
	}
	lines, _, _ := j.Lines()
	if lines[1].Record.Op != lease.OpScavenge || lines[1].Record.Reason != "ttl-expired" || lines[2].Record.Op != lease.OpAcquire {
		t.Fatalf("journal order: %s then %s", lines[1].Record.Op, lines[2].Record.Op)
	}
	// A beat from the old holder does not bring it back.
	hb, err := Heartbeat(context.Background(), j, later, testConfig(), Match{Lane: "src", Owner: "A"}, 0)
	if err != nil || hb.Done {
		t.Fatalf("stale heartbeat: %+v %v", hb, err)
	}
}

func TestHeartbeatCoalesces(t *testing.T) {
	j := journal.New(filepath.Join(t.TempDir(), "j.jsonl"))
	acquire(t, j, t0, "A", "src", true)
	hb, _ := Heartbeat(context.Background(), j, t0.Add(10*time.Second), testConfig(), Match{Lane: "src", Owner: "A"}, time.Minute)
	if !hb.Done || hb.Seq != 0 {
		t.Fatalf("coalesced beat wrote: %+v", hb)
	}
	hb, _ = Heartbeat(context.Background(), j, t0.Add(2*time.Minute), testConfig(), Match{Lane: "src", Owner: "A"}, time.Minute)
	if !hb.Done || hb.Seq != 2 {
		t.Fatalf("beat: %+v", hb)
	}
}

func TestUnwritableJournalNeverGrants(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	j := journal.New("/dev/full")
	j.LockPath = filepath.Join(t.TempDir(), journal.LockName)
	r, err := Acquire(context.Background(), j, t0, testConfig(), AcquireInput{Request: admission.Request{Lane: "src", Owner: "A"}})
	if err == nil || r.Lease != nil || r.Journaled {
		t.Fatalf("acquire on /dev/full: %+v %v", r, err)
	}
}

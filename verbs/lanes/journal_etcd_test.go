//go:build etcd

package lanes

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/etcdstore"
	"github.com/dispatchos/dos/state/store/etcdstore/etcdtest"
)

func startEtcd(t *testing.T) *etcdtest.Cluster {
	t.Helper()
	c, err := etcdtest.Start(t.TempDir(), 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Stop)
	return c
}

// acquireOK takes lane for owner in env.
func acquireOK(t *testing.T, env *call.Env, owner, lane string) {
	t.Helper()
	res := run(t, env, &LeaseLaneAcquire, func(a *LeaseLaneAcquireArgs) { a.Owner, a.Lane, a.TTL, a.Wait = owner, lane, 10, 5 })
	if res.ExitCode != 0 {
		t.Fatalf("%s on %s: exit %d %s", owner, lane, res.ExitCode, res.Text)
	}
}

// journalOps is the ops of the journal tail prints.
func journalOps(t *testing.T, env *call.Env) string {
	t.Helper()
	res := run(t, env, &JournalTail, func(a *JournalTailArgs) { a.N = 0 })
	var ops []string
	for _, r := range res.Body.(JournalTailResult).Records {
		var m map[string]any
		json.Unmarshal(r, &m)
		ops = append(ops, m["op"].(string))
	}
	return strings.Join(ops, ",")
}

// replayBody is journal replay's answer in env.
func replayBody(t *testing.T, env *call.Env) JournalReplayResult {
	t.Helper()
	res := run(t, env, &JournalReplay, func(*JournalReplayArgs) {})
	if res.ExitCode != 0 {
		t.Fatalf("replay: exit %d %s", res.ExitCode, res.Text)
	}
	return res.Body.(JournalReplayResult)
}

// The journal verbs on an etcd fleet read the fleet's events from any
// machine: tail shows them in order with their revisions as seq, seq is
// the newest, replay folds them; compact --keep folds the rest into a
// checkpoint and replay answers the same.
func TestJournalVerbsOnEtcd(t *testing.T) {
	c := startEtcd(t)
	m1, m2 := fleetWorkspace(t, c.Endpoints[0]), fleetWorkspace(t, c.Endpoints[0])
	acquireOK(t, m1, "A", "l1")
	acquireOK(t, m1, "B", "l3")
	run(t, m2, &LeaseLaneAcquire, func(a *LeaseLaneAcquireArgs) { a.Owner, a.Lane, a.TTL, a.Wait = "C", "l2", 10, 5 })
	if res := run(t, m1, &LeaseLaneRelease, func(a *LeaseLaneReleaseArgs) { a.Owner, a.Lane, a.Wait = "B", "l3", 5 }); res.ExitCode != 0 {
		t.Fatalf("release: %s", res.Text)
	}
	if got := journalOps(t, m2); got != "ACQUIRE,ACQUIRE,REFUSE,RELEASE" {
		t.Fatalf("tail from the other machine: %s", got)
	}
	tail := run(t, m2, &JournalTail, func(a *JournalTailArgs) { a.N = 1 })
	var last map[string]any
	json.Unmarshal(tail.Body.(JournalTailResult).Records[0], &last)
	seq := run(t, m2, &JournalSeq, func(*JournalSeqArgs) {}).Body.(JournalSeqResult).Seq
	if last["op"] != "RELEASE" || last["seq"] != float64(seq) || seq <= 0 {
		t.Fatalf("tail 1 = %v, seq %d", last, seq)
	}
	before := replayBody(t, m2)
	if len(before.Leases) != 1 || before.Leases[0].Lane != "l1" || before.Seq != seq || before.Records != 4 ||
		!strings.HasPrefix(before.Journal, "etcd "+c.Endpoints[0]+" /dos/v1/ws/journal/") {
		t.Fatalf("replay: %+v", before)
	}
	res := run(t, m1, &JournalCompact, func(a *JournalCompactArgs) { a.Keep, a.Wait = 1, 5 })
	if res.Verdict != Compacted {
		t.Fatalf("compact: %s", res.Text)
	}
	if body := res.Body.(JournalCompactResult); body.EntriesBefore != 4 || body.EntriesAfter != 2 {
		t.Fatalf("compact counts: %+v", body)
	}
	if got := journalOps(t, m2); got != "CHECKPOINT,RELEASE" {
		t.Fatalf("after compact --keep 1: %s", got)
	}
	after := replayBody(t, m2)
	after.Records = before.Records
	if !reflect.DeepEqual(after, before) {
		t.Fatalf("compaction changed the fold:\n%+v\n%+v", after, before)
	}
	for _, m := range []string{m1.Cwd, m2.Cwd} {
		if _, err := os.Stat(filepath.Join(m, ".dos", "lane-journal.jsonl")); err == nil {
			t.Fatalf("%s holds a local lane journal", m)
		}
	}
}

// exportLines exports env's journal to a file and returns its lines.
func exportLines(t *testing.T, env *call.Env, name string) []json.RawMessage {
	t.Helper()
	res := run(t, env, &JournalExport, func(a *JournalExportArgs) { a.Out = name })
	if res.ExitCode != 0 {
		t.Fatalf("export: exit %d %s", res.ExitCode, res.Text)
	}
	b, err := os.ReadFile(filepath.Join(env.Cwd, name))
	if err != nil {
		t.Fatal(err)
	}
	var out []json.RawMessage
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		out = append(out, json.RawMessage(l))
	}
	if len(out) != res.Body.(JournalExportResult).Count {
		t.Fatalf("export counted %d, wrote %d", res.Body.(JournalExportResult).Count, len(out))
	}
	return out
}

// importFile imports the file at path into env.
func importFile(t *testing.T, env *call.Env, path string, force bool) *call.Result {
	t.Helper()
	return run(t, env, &FleetImport, func(a *FleetImportArgs) { a.File, a.Force, a.Wait = path, force, 5 })
}

// records is lines without their seq, as compared across stores, and
// without the HEARTBEATs an export from etcd adds for its keep-alives
// (the import restarted the lease's TTL, so one may stand for it).
func records(t *testing.T, lines []json.RawMessage) []string {
	t.Helper()
	var out []string
	for _, l := range lines {
		var m map[string]any
		json.Unmarshal(l, &m)
		if m["reason"] == etcdstore.KeepAliveReason {
			continue
		}
		b, err := store.Normalize(l)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

// A fleet moves from the file journal to etcd and back: the export of
// each step holds the same records (seq aside, which each store numbers
// itself), the lease live throughout keeps its lane, holder, loop stamp
// and stamps and is arbitrated against on the other side, and a rerun of
// an import writes nothing.
func TestExportImportRoundTripFileEtcdFile(t *testing.T) {
	c := startEtcd(t)
	f1, e, f2 := fileWorkspace(t), fleetWorkspace(t, c.Endpoints[0]), fileWorkspace(t)
	acquireOK(t, f1, "A", "l1")
	acquireOK(t, f1, "B", "l3")
	run(t, f1, &LeaseLaneAcquire, func(a *LeaseLaneAcquireArgs) { a.Owner, a.Lane, a.TTL, a.Wait = "C", "l2", 10, 5 })
	run(t, f1, &LeaseLaneRelease, func(a *LeaseLaneReleaseArgs) { a.Owner, a.Lane, a.Wait = "B", "l3", 5 })
	run(t, f1, &LeaseLaneHeartbeat, func(a *LeaseLaneHeartbeatArgs) { a.Owner, a.Lane, a.Wait = "A", "l1", 5 })
	held := replayBody(t, f1).Leases
	x1 := exportLines(t, f1, "x1.jsonl")

	res := importFile(t, e, filepath.Join(f1.Cwd, "x1.jsonl"), false)
	if res.Verdict != Imported {
		t.Fatalf("import into etcd: %s", res.Text)
	}
	if body := res.Body.(FleetImportResult); body.Records != len(x1) || len(body.Carried) != 1 || body.Carried[0].Lane != "l1" {
		t.Fatalf("import into etcd: %+v", body)
	}
	if res := importFile(t, e, filepath.Join(f1.Cwd, "x1.jsonl"), false); res.Verdict != AlreadyImported {
		t.Fatalf("rerun into etcd: %s", res.Text)
	}
	if res := run(t, e, &LeaseLaneAcquire, func(a *LeaseLaneAcquireArgs) { a.Owner, a.Lane, a.TTL, a.Wait = "D", "l2", 10, 5 }); res.Verdict != Refused {
		t.Fatalf("l2 over the carried l1 on etcd: %s", res.Text)
	}
	x2 := exportLines(t, e, "x2.jsonl")
	// etcd journaled D's REFUSE after the import: the rest is the file's
	if r2 := records(t, x2); !reflect.DeepEqual(r2[:len(x1)], records(t, x1)) || len(r2) != len(x1)+1 {
		t.Fatalf("etcd export differs from the file's:\n%s\n---\n%s", strings.Join(records(t, x2), "\n"), strings.Join(records(t, x1), "\n"))
	}

	res = importFile(t, f2, filepath.Join(e.Cwd, "x2.jsonl"), false)
	if res.Verdict != Imported {
		t.Fatalf("import into a file journal: %s", res.Text)
	}
	x3 := exportLines(t, f2, "x3.jsonl")
	if !reflect.DeepEqual(records(t, x3), records(t, x2)) {
		t.Fatalf("file export differs from etcd's:\n%s\n---\n%s", strings.Join(records(t, x3), "\n"), strings.Join(records(t, x2), "\n"))
	}
	got := replayBody(t, f2).Leases
	if len(got) != 1 || len(held) != 1 {
		t.Fatalf("live after the round trip: %+v (was %+v)", got, held)
	}
	g, h := got[0], held[0]
	if g.Lane != h.Lane || g.Holder != h.Holder || g.LoopTS != h.LoopTS || g.AcquiredAt != h.AcquiredAt ||
		g.HeartbeatAt < h.HeartbeatAt || g.TTLMinutes != h.TTLMinutes || g.LeaseID != h.LeaseID {
		t.Fatalf("the lease changed on the way: %+v, was %+v", g, h)
	}
	if res := importFile(t, f2, filepath.Join(e.Cwd, "x2.jsonl"), false); res.Verdict != AlreadyImported {
		t.Fatalf("rerun into the file journal: %s", res.Text)
	}
	// the first machine still holds its lease: importing over it is refused
	if res := importFile(t, f1, filepath.Join(e.Cwd, "x2.jsonl"), false); res.Verdict != Refused || res.ExitCode != 1 {
		t.Fatalf("import over a live lease: %s", res.Text)
	}
	if res := importFile(t, f1, filepath.Join(e.Cwd, "x2.jsonl"), true); res.Verdict != Imported || len(res.Body.(FleetImportResult).Replaced) != 1 {
		t.Fatalf("import --force over a live lease: %s", res.Text)
	}
}

// Against a stopped cluster every read verb answers LOCK_BUSY, exit 4,
// naming the endpoint it could not reach, and writes nothing locally.
func TestJournalReadsOnADownCluster(t *testing.T) {
	c := startEtcd(t)
	env := fleetWorkspace(t, c.Endpoints[0])
	acquireOK(t, env, "A", "l1")
	c.Stop()
	export := filepath.Join(env.Cwd, "x.jsonl")
	os.WriteFile(export, []byte(`{"lane":"l3","loop_ts":"T","op":"SPAWN","seq":1}`+"\n"), 0o644)
	for _, r := range []*call.Result{
		run(t, env, &JournalReplay, func(*JournalReplayArgs) {}),
		run(t, env, &JournalTail, func(*JournalTailArgs) {}),
		run(t, env, &JournalSeq, func(*JournalSeqArgs) {}),
		run(t, env, &JournalExport, func(*JournalExportArgs) {}),
		run(t, env, &LeaseLaneLive, func(*LeaseLaneLiveArgs) {}),
		run(t, env, &JournalCompact, func(a *JournalCompactArgs) { a.Wait = 5 }),
		run(t, env, &FleetImport, func(a *FleetImportArgs) { a.File, a.Wait = export, 5 }),
	} {
		if r.Verdict != LockBusy || r.ExitCode != 4 || !strings.Contains(r.Text, c.Endpoints[0]) {
			t.Errorf("%s on a down cluster: verdict %v exit %d: %s", r.Syscall, r.Verdict, r.ExitCode, r.Text)
		}
		b, _ := r.JSON(false)
		var m map[string]any
		if json.Unmarshal(b, &m) != nil || m["outcome"] != "store-unavailable" || !strings.Contains(m["reason"].(string), c.Endpoints[0]) {
			t.Errorf("%s JSON: %s", r.Syscall, b)
		}
	}
	if _, err := os.Stat(filepath.Join(env.Cwd, ".dos", "lane-journal.jsonl")); err == nil {
		t.Fatal("a read on a down fleet wrote a local journal")
	}
}

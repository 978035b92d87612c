package loop

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/supervise"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/workspace"
)

func enactWorkspace(t *testing.T, journalLines ...string) (*workspace.Workspace, *journal.Journal) {
	t.Helper()
	dir := t.TempDir()
	toml := "[lanes]\nconcurrent = [\"src\"]\n[lanes.trees]\nsrc = [\"src/**\"]\n[supervise]\nworker_launch_template = \"true {lane}\"\n"
	if err := os.WriteFile(filepath.Join(dir, "dos.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, ".dos"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".dos", "lane-journal.jsonl"), []byte(strings.Join(journalLines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ws, err := workspace.Resolve(workspace.Options{Flag: dir, Getenv: func(string) string { return "" }, Cwd: dir})
	if err != nil {
		t.Fatal(err)
	}
	return ws, journal.ForWorkspace(ws, func(string) string { return "" })
}

// roster reads src's board and gathers the roster at now.
func roster(t *testing.T, src *source, now time.Time) (gathered, error) {
	t.Helper()
	b, err := src.read(context.Background(), true)
	if err != nil {
		return gathered{}, err
	}
	return gatherRoster(src.ws, b, now, 0, nil)
}

const stalledSrc = `{"op":"ACQUIRE","seq":1,"ts":"2026-01-01T10:00:00Z","lane":"src","loop_ts":"2026-01-01T10:00:00Z","lease":{"lane":"src","lane_kind":"cluster","tree":["src/**"],"loop_ts":"2026-01-01T10:00:00Z","holder":"w","pid":7,"acquired_at":"2026-01-01T10:00:00Z","ttl_minutes":600}}`

// A REAP is compare-and-scavenge: a heartbeat that lands between the plan
// and the lock cancels it, and the lane is not spawned into either.
func TestEnactReapLosesToAFreshHeartbeat(t *testing.T) {
	ws, j := enactWorkspace(t, stalledSrc)
	src := &source{ws: ws, j: j}
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	g, err := roster(t, src, now)
	if err != nil {
		t.Fatal(err)
	}
	d := supervise.Decide(lanesOf(g), supervise.DefaultPolicy())
	if len(d.Reap) != 1 || len(d.Spawn) != 1 {
		t.Fatalf("plan %+v", d)
	}
	tx, err := j.Begin(context.Background(), time.Second, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Append(map[string]any{"op": lease.OpHeartbeat, "lane": "src", "loop_ts": "2026-01-01T10:00:00Z", "heartbeat_at": "2026-01-01T11:59:59Z"}); err != nil {
		t.Fatal(err)
	}
	tx.Close()
	env := (&call.Env{}).ForCall(call.Common{})
	en := &enactor{env: env, ws: ws, src: src, wait: time.Second, spawned: map[string]time.Time{}}
	ex, down, err := en.enact(context.Background(), now, g, d, "true {lane}")
	if err != nil || down != nil {
		t.Fatal(err)
	}
	if len(ex.Reaped) != 0 || len(ex.Spawned) != 0 || len(ex.Refused) != 2 {
		t.Fatalf("enacted %+v", ex)
	}
	if !strings.Contains(ex.Refused[0].Reason, "changed since it was judged") || !strings.Contains(ex.Refused[1].Reason, "collides") {
		t.Fatalf("reasons %+v", ex.Refused)
	}
	rp, _ := j.Replay()
	if live := rp.State.Live(); len(live) != 1 || live[0].Holder != "w" {
		t.Fatalf("the live worker lost its lease: %+v", live)
	}
}

// Unchanged, the stalled lease is scavenged and the lane refilled; the
// spawned worker gets a fresh run id and the SPAWN record names it.
func TestEnactReapsAndSpawns(t *testing.T) {
	ws, j := enactWorkspace(t, stalledSrc)
	src := &source{ws: ws, j: j}
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	g, err := roster(t, src, now)
	if err != nil {
		t.Fatal(err)
	}
	d := supervise.Decide(lanesOf(g), supervise.DefaultPolicy())
	env := (&call.Env{}).ForCall(call.Common{})
	env.Getenv = func(k string) string {
		if k == "CID_RUN_ID" {
			return "RID-PARENT"
		}
		return ""
	}
	en := &enactor{env: env, ws: ws, src: src, wait: time.Second, spawned: map[string]time.Time{}}
	ex, down, err := en.enact(context.Background(), now, g, d, "true {lane}")
	if err != nil || down != nil {
		t.Fatal(err)
	}
	if len(ex.Reaped) != 1 || len(ex.Spawned) != 1 || len(ex.Refused) != 0 {
		t.Fatalf("enacted %+v", ex)
	}
	s := ex.Spawned[0]
	if s.Command[0] != "true" || s.Command[1] != "src" || !strings.HasPrefix(s.RunID, "RID-") || s.PID <= 0 {
		t.Fatalf("spawned %+v", s)
	}
	lines, _, err := j.Lines()
	if err != nil {
		t.Fatal(err)
	}
	last := lines[len(lines)-1].Record
	if last.Op != lease.OpSpawn || last.RunID != s.RunID || last.PID != s.PID || lines[len(lines)-2].Record.Op != lease.OpScavenge {
		t.Fatalf("journal tail %+v", last)
	}
	// The next tick sees the lane pending (spawned, not yet leased).
	g, err = roster(t, src, now.Add(time.Minute))
	if err != nil || !g.lanes[0].Pending {
		t.Fatalf("not pending after its spawn: %v %+v", err, g.lanes)
	}
	g, _ = roster(t, src, now.Add(3*time.Minute))
	if g.lanes[0].Pending {
		t.Fatal("still pending after the window")
	}
}

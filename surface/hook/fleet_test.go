package hook

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
)

// writeEvent is a Claude Code Write of p (relative to dir) by session.
func writeEvent(dir, p, session string) []byte {
	return []byte(`{"hook_event_name":"PreToolUse","session_id":"` + session + `","cwd":"` + dir +
		`","tool_name":"Write","tool_input":{"file_path":"` + dir + "/" + p + `","content":"x"}}`)
}

// releaseAll journals a RELEASE of every live lease on lane.
func releaseAll(t *testing.T, dir, lane string) {
	t.Helper()
	j := journal.New(filepath.Join(dir, ".dos", "lane-journal.jsonl"))
	tx, err := j.Begin(context.Background(), time.Second, now)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	for _, l := range tx.Live() {
		if l.Lane == lane {
			if _, err := tx.AppendEntries(lease.ReleaseOf(l, "h", l.Holder)); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// The apply gate on the file journal (DOS_APPLY_GATE): a write under the
// generation acquire answered passes while that lease is live and stays
// in its lane; outside the lane it is refused; once the lease is
// released, or taken again at a newer generation, the write is fenced
// off; with the gate off nothing is fenced.
func TestPretoolApplyGateFileJournal(t *testing.T) {
	dir := repo(t)
	acquire(t, dir, "agent-A", "src", "src/**") // generation 1
	gated := env{"DOS_LOOP": "1", "DOS_APPLY_GATE": "1", "DOS_LEASE_GENERATION": "1"}
	if out, _ := invoke(t, "pretool", "", dir, gated, writeEvent(dir, "src/a.go", "agent-A")); out != "" {
		t.Fatalf("a write under the live lease: %q", out)
	}
	out, _ := invoke(t, "pretool", "", dir, gated, writeEvent(dir, "docs/a.md", "agent-A"))
	if permission(t, out) != "deny" || !strings.Contains(out, "WRONG_TARGET") || !strings.Contains(out, "held lane: src") {
		t.Fatalf("a write outside the lane: %q", out)
	}
	releaseAll(t, dir, "src")
	out, _ = invoke(t, "pretool", "", dir, gated, writeEvent(dir, "src/a.go", "agent-A"))
	if permission(t, out) != "deny" || !strings.Contains(out, "FENCED") || !strings.Contains(out, "no live lease has generation 1") {
		t.Fatalf("a write under a released lease: %q", out)
	}
	if out, _ := invoke(t, "pretool", "", dir, env{"DOS_LOOP": "1", "DOS_LEASE_GENERATION": "1"}, writeEvent(dir, "src/a.go", "agent-A")); out != "" {
		t.Fatalf("gate off: %q", out)
	}
	acquire(t, dir, "agent-B", "src", "src/**") // generation 2
	gated["DOS_LEASE_LANE"] = "src"
	out, _ = invoke(t, "pretool", "", dir, gated, writeEvent(dir, "src/a.go", "agent-A"))
	if permission(t, out) != "deny" || !strings.Contains(out, "held at generation 2 by 'agent-B'") {
		t.Fatalf("a write under a lease lost and re-taken: %q", out)
	}
	gated["DOS_LEASE_GENERATION"] = "2"
	if out, _ := invoke(t, "pretool", "", dir, gated, writeEvent(dir, "src/a.go", "agent-B")); out != "" {
		t.Fatalf("the new holder's write: %q", out)
	}
	delete(gated, "DOS_LOOP")
	gated["DOS_LEASE_GENERATION"] = "1"
	out, _ = invoke(t, "pretool", "", dir, gated, writeEvent(dir, "src/a.go", "agent-A"))
	if permission(t, out) != "" || !strings.Contains(out, "additionalContext") || !strings.Contains(out, "FENCED") {
		t.Fatalf("operator session, fenced write: %q", out)
	}
	gated["DOS_LEASE_GENERATION"] = "one"
	gated["DOS_LOOP"] = "1"
	out, _ = invoke(t, "pretool", "", dir, gated, writeEvent(dir, "src/a.go", "agent-B"))
	if permission(t, out) != "deny" || !strings.Contains(out, "not a fencing generation") {
		t.Fatalf("a malformed generation: %q", out)
	}
}

// fleetRepo is repo with its leases in an etcd fleet at endpoint.
func fleetRepo(t *testing.T) string {
	t.Helper()
	dir := repo(t)
	f, err := os.OpenFile(filepath.Join(dir, "dos.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("[fleet]\nbackend = \"etcd\"\nname = \"hk\"\ndial_timeout_ms = 1500\n"); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A fleet whose lease store cannot be reached (or a dos-hook built without
// etcd): a loop's write is refused, an operator is warned, a read passes,
// and nothing is written to a local journal.
func TestPretoolFleetUnreachable(t *testing.T) {
	dir := fleetRepo(t)
	e := env{"DOS_ETCD_ENDPOINTS": "http://127.0.0.1:1", "DOS_LOOP": "1"}
	out, _ := invoke(t, "pretool", "", dir, e, writeEvent(dir, "src/a.go", "me"))
	if permission(t, out) != "deny" || !strings.Contains(out, "LEASE_STORE_UNAVAILABLE") && !strings.Contains(out, "live leases could not be read") {
		t.Fatalf("loop write on an unreachable fleet: %q", out)
	}
	delete(e, "DOS_LOOP")
	out, _ = invoke(t, "pretool", "", dir, e, writeEvent(dir, "src/a.go", "me"))
	if permission(t, out) != "" || !strings.Contains(out, "live leases could not be read") {
		t.Fatalf("operator write on an unreachable fleet: %q", out)
	}
	read := []byte(`{"hook_event_name":"PreToolUse","session_id":"me","cwd":"` + dir + `","tool_name":"Read","tool_input":{"file_path":"` + dir + `/src/a.go"}}`)
	if out, _ := invoke(t, "pretool", "", dir, e, read); out != "" {
		t.Fatalf("a read on an unreachable fleet: %q", out)
	}
	if _, err := os.Stat(filepath.Join(dir, ".dos", "lane-journal.jsonl")); err == nil {
		t.Fatal("the hook wrote a local lane journal on a fleet")
	}
}

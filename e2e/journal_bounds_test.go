//go:build linux

package e2e

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The journal is read with bounded memory: these tests run the real
// binary on big journals and check its peak resident set (getrusage;
// Linux reports KiB), which is deterministic where wall time on a shared
// machine is not. Linux folds the parent's peak into a child's at exec, so
// the test process keeps itself small and checks that it did.

// selfPeakMiB is this process's own peak resident set.
func selfPeakMiB(t *testing.T) float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return float64(ru.Maxrss) / 1024
}

// requireSmallSelf skips when this process grew past limit, so that a
// child's reported peak (at least ours) could not show it stayed under
// limit.
func requireSmallSelf(t *testing.T, limit float64) {
	t.Helper()
	if p := selfPeakMiB(t); p >= limit {
		t.Skipf("the test process peaked at %.1f MiB; a child's peak below %.0f MiB cannot be measured from here", p, limit)
	}
}

// writeBusyJournal writes n records of a busy journal (acquires,
// heartbeats and releases over 8 lanes, in the writer's format) starting
// at seq first.
func writeBusyJournal(t *testing.T, path string, n, first int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	for i := first; i < first+n; i++ {
		lane := fmt.Sprintf("lane-%d", i%8)
		loop := fmt.Sprintf("2026-01-01T%02d:%02d:%02dZ", (i/8/3/3600)%24, (i/8/3/60)%60, (i/8/3)%60)
		switch (i / 8) % 3 {
		case 0:
			fmt.Fprintf(w, `{"host_id":"host","lane":"%s","lane_kind":"cluster","lease":{"acquired_at":"%s","holder":"agent-%d","host_id":"host","lane":"%s","lane_kind":"cluster","lease_id":"RID-%015d","loop_ts":"%s","pid":%d,"tree":["%s/**"],"ttl_minutes":30},"lease_id":"RID-%015d","loop_ts":"%s","op":"ACQUIRE","pid":%d,"prev_holder":null,"reason":"lane-lease:agent-%d","seq":%d,"tree":["%s/**"],"ts":"%s","ttl_minutes":30}`+"\n",
				lane, loop, i%8, lane, i, loop, 4000+i, lane, i, loop, 4000+i, i%8, i+1, lane, loop)
		case 1:
			fmt.Fprintf(w, `{"heartbeat_at":"%s","host_id":"host","lane":"%s","loop_ts":"%s","op":"HEARTBEAT","seq":%d,"ts":"%s"}`+"\n", loop, lane, loop, i+1, loop)
		default:
			fmt.Fprintf(w, `{"host_id":"host","lane":"%s","loop_ts":"%s","op":"RELEASE","reason":"lane-lease:x","seq":%d,"ts":"%s"}`+"\n", lane, loop, i+1, loop)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
}

// measured is one run of the binary.
type measured struct {
	code           int
	stdout, stderr []byte
	rssMiB         float64
	took           time.Duration
}

func runMeasured(t *testing.T, bin, ws string, args ...string) measured {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Env = ws, gitEnvList(ws)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	m := measured{stdout: out.Bytes(), stderr: errb.Bytes(), took: time.Since(start)}
	if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
		t.Fatal(err)
	}
	m.code = cmd.ProcessState.ExitCode()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		m.rssMiB = float64(ru.Maxrss) / 1024
	}
	return m
}

// TestReplayMemoryIsBounded folds a long journal: the resident set stays
// small whatever the journal's size (it held the whole file and every
// decoded record before: 985 MB for a million records). DOS_LONG=1 runs
// the full million-record journal.
func TestReplayMemoryIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a journal of hundreds of MB")
	}
	n, limit := 300_000, 100.0
	if os.Getenv("DOS_LONG") == "1" {
		n, limit = 1_000_000, 300.0
	}
	bin := buildDos(t)
	ws := laneWorkspace(t)
	os.MkdirAll(filepath.Join(ws, ".dos"), 0o755)
	jpath := filepath.Join(ws, ".dos", "lane-journal.jsonl")
	writeBusyJournal(t, jpath, n, 0)
	requireSmallSelf(t, limit)
	fi, _ := os.Stat(jpath)
	m := runMeasured(t, bin, ws, "journal", "replay")
	if m.code != 0 || !bytes.Contains(m.stdout, []byte(fmt.Sprintf(`"records":%d`, n))) {
		t.Fatalf("replay: exit %d, %.300s %s", m.code, m.stdout, m.stderr)
	}
	t.Logf("replay of %d records (%d MB): %.1f MiB resident, %v", n, fi.Size()>>20, m.rssMiB, m.took)
	if m.rssMiB > limit {
		t.Errorf("replay of %d records peaked at %.1f MiB resident (limit %.0f)", n, m.rssMiB, limit)
	}
}

// TestHugeBadLineCostsLittle puts a 100 MB garbage line (starting with
// terminal control sequences) in the middle of a journal: acquire, replay
// and compact stay small, the line is reported as a bounded record with
// its control characters escaped, and compaction drops the bytes.
func TestHugeBadLineCostsLittle(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 100 MB journal line")
	}
	bin := buildDos(t)
	ws := laneWorkspace(t)
	os.MkdirAll(filepath.Join(ws, ".dos"), 0o755)
	jpath := filepath.Join(ws, ".dos", "lane-journal.jsonl")
	writeBusyJournal(t, jpath, 1000, 0)
	f, _ := os.OpenFile(jpath, os.O_WRONLY|os.O_APPEND, 0)
	chunk := bytes.Repeat([]byte("G"), 1<<20)
	f.Write([]byte("\x1b[31m\a\x00\u202e"))
	f.Write(chunk[:1<<20-len("\x1b[31m\a\x00\u202e")])
	for range 99 {
		f.Write(chunk) // written a MiB at a time: this process stays small
	}
	f.Write([]byte("\n"))
	f.Close()
	writeBusyJournal(t, jpath, 10, 1000)
	requireSmallSelf(t, 50)

	first := runMeasured(t, bin, ws, "lease-lane", "acquire", "--owner", "A", "--lane", "a")
	second := runMeasured(t, bin, ws, "lease-lane", "acquire", "--owner", "B", "--lane", "b")
	t.Logf("acquire over a 100 MB bad line: first %v %.1f MiB, second %v %.1f MiB", first.took, first.rssMiB, second.took, second.rssMiB)
	if first.code != 0 || second.code != 0 {
		t.Fatalf("acquires: exit %d %s / exit %d %s", first.code, first.stderr, second.code, second.stderr)
	}
	// The first writer reads past the line once (digesting it, never
	// holding more than the longest line a reader accepts) and caches the
	// fold past it; the next one starts from there.
	if first.rssMiB > 150 || second.rssMiB > 50 {
		t.Errorf("acquire peaked at %.1f then %.1f MiB resident (limits 150, 50)", first.rssMiB, second.rssMiB)
	}

	rp := runMeasured(t, bin, ws, "journal", "replay")
	t.Logf("replay: %v %.1f MiB, %d bytes out", rp.took, rp.rssMiB, len(rp.stdout))
	if rp.code != 0 || len(rp.stdout) > 8<<10 || !bytes.Contains(rp.stdout, []byte(`"length":104857600`)) {
		t.Fatalf("replay: exit %d, %d bytes: %.500s", rp.code, len(rp.stdout), rp.stdout)
	}
	if bytes.ContainsAny(rp.stderr, "\x1b\a\x00") || bytes.Contains(rp.stderr, []byte("\u202e")) {
		t.Fatalf("a control character reached stderr: %q", rp.stderr)
	}
	if !strings.Contains(string(rp.stderr), `journal line 1001 is not a JSON object; skipped: "\x1b[31m\a\x00\u202eGGG`) ||
		!strings.Contains(string(rp.stderr), `... (104857600 bytes)`) {
		t.Fatalf("warning: %s", rp.stderr)
	}

	cp := runMeasured(t, bin, ws, "journal", "compact")
	fi, _ := os.Stat(jpath)
	t.Logf("compact: %v %.1f MiB, journal now %d bytes", cp.took, cp.rssMiB, fi.Size())
	if cp.code != 0 || fi.Size() > 8<<10 || cp.rssMiB > 150 {
		t.Fatalf("compact: exit %d %s, journal %d bytes, %.1f MiB", cp.code, cp.stderr, fi.Size(), cp.rssMiB)
	}
	after := runMeasured(t, bin, ws, "journal", "replay")
	if !bytes.Contains(after.stdout, []byte(`"was_line":1001`)) || !bytes.Contains(after.stdout, []byte(`"length":104857600`)) {
		t.Fatalf("after compaction the lost line is not reported: %s", after.stdout)
	}
}

package e2e

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/state/lock"
)

// A fleet moving from the reference (Python) to dos shares one journal:
// the reference takes .lane-lease.lock by O_CREAT|O_EXCL, dos takes its
// flock and then the same lock file by the same protocol. A helper
// process holds that file the way the reference does; dos waits for it.

// refHolder is a running reflock helper.
type refHolder struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	out   *bufio.Reader
}

func buildRefLock(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "reflock")
	if out, err := exec.Command("go", "build", "-o", bin, "./internal/reflock").CombinedOutput(); err != nil {
		t.Fatalf("go build reflock: %v\n%s", err, out)
	}
	return bin
}

// holdRefLock starts the helper and waits until it holds the lock.
func holdRefLock(t *testing.T, helper, path, owner string) *refHolder {
	t.Helper()
	cmd := exec.Command(helper, path, owner, "0")
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	h := &refHolder{cmd: cmd, stdin: stdin, out: bufio.NewReader(stdout)}
	t.Cleanup(func() { stdin.Close(); cmd.Wait() })
	if line, _ := h.out.ReadString('\n'); line != "held\n" {
		t.Fatalf("helper did not take the lock: %q", line)
	}
	return h
}

// release makes the helper let go and waits for it.
func (h *refHolder) release(t *testing.T) {
	t.Helper()
	h.stdin.Close()
	if line, _ := h.out.ReadString('\n'); line != "released\n" {
		t.Fatalf("helper: %q", line)
	}
	h.cmd.Wait()
}

func journalLines(t *testing.T, ws string) int {
	b, err := os.ReadFile(filepath.Join(ws, ".dos", "lane-journal.jsonl"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n")
}

func TestMixedFleetDosWaitsForTheReferenceLock(t *testing.T) {
	bin, helper := buildDos(t), buildRefLock(t)
	ws := laneWorkspace(t)
	refLock := filepath.Join(ws, ".dos", ".lane-lease.lock")
	ctx := t.Context()
	if _, code, stderr, err := dosRun(ctx, bin, ws, "lease-lane", "acquire", "--owner", "A", "--lane", "a"); code != 0 || err != nil {
		t.Fatalf("first acquire: %d %s %v", code, stderr, err)
	}
	if _, err := os.Stat(refLock); !os.IsNotExist(err) {
		t.Fatalf("dos left the reference's lock behind: %v", err)
	}
	before := journalLines(t, ws)

	// While the reference holds its lock, every dos writer answers
	// LOCK_BUSY (exit 4) after --wait and writes nothing.
	h := holdRefLock(t, helper, refLock, "python-agent")
	for _, args := range [][]string{
		{"lease-lane", "acquire", "--owner", "B", "--lane", "b", "--wait", "0.3"},
		{"lease-lane", "release", "--owner", "A", "--lane", "a", "--wait", "0.3"},
		{"journal", "compact", "--wait", "0.3"},
	} {
		start := time.Now()
		m, code, stderr, err := dosRun(ctx, bin, ws, args...)
		if err != nil || code != 4 || m["verdict"] != "LOCK_BUSY" {
			t.Fatalf("%v while the reference holds its lock: exit %d %v %s %v", args, code, m, stderr, err)
		}
		if d := time.Since(start); d < 300*time.Millisecond {
			t.Fatalf("%v answered after %v, before its --wait", args, d)
		}
	}
	if n := journalLines(t, ws); n != before {
		t.Fatalf("the journal changed under the reference's lock: %d lines, was %d", n, before)
	}

	// A dos writer with a longer wait gets in as soon as the reference lets go.
	type result struct {
		m    map[string]any
		code int
		took time.Duration
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		m, code, _, _ := dosRun(ctx, bin, ws, "lease-lane", "acquire", "--owner", "B", "--lane", "b", "--wait", "20")
		done <- result{m, code, time.Since(start)}
	}()
	time.Sleep(700 * time.Millisecond)
	select {
	case r := <-done:
		t.Fatalf("dos acquired while the reference held its lock: %+v", r)
	default:
	}
	h.release(t)
	r := <-done
	if r.code != 0 || r.m["verdict"] != "ACQUIRED" || r.took < 700*time.Millisecond {
		t.Fatalf("after the reference let go: %+v", r)
	}
	if _, err := os.Stat(refLock); !os.IsNotExist(err) {
		t.Fatalf("dos left the reference's lock behind: %v", err)
	}
}

func TestMixedFleetLockFilesDosAndTheReferenceLeaveBehind(t *testing.T) {
	bin, helper := buildDos(t), buildRefLock(t)
	ws := laneWorkspace(t)
	refLock := filepath.Join(ws, ".dos", ".lane-lease.lock")
	ctx := t.Context()
	write := func(owner, at string) {
		os.MkdirAll(filepath.Dir(refLock), 0o755)
		b := lock.Body{Owner: owner, AcquiredAt: at, PID: 4242}
		if err := os.WriteFile(refLock, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Now().UTC().Format("2006-01-02T15:04:05Z")

	// A lock a dos process on this host left when it was killed: dos
	// holds the flock every dos writer takes first, so that process is
	// gone, and the lock is broken at once.
	write(lock.DosOwner("dos"), now)
	m, code, stderr, _ := dosRun(ctx, bin, ws, "lease-lane", "acquire", "--owner", "A", "--lane", "a", "--wait", "0.5")
	if code != 0 || m["verdict"] != "ACQUIRED" {
		t.Fatalf("over a dead dos process's lock: exit %d %v %s", code, m, stderr)
	}
	// The reference sees a dos-written lock as held like any other.
	write(lock.DosOwner("dos"), now)
	out, err := exec.Command(helper, refLock, "python-agent", "1").Output()
	if code := exitCode(err); code != 4 || !strings.HasPrefix(string(out), "busy dos#dos:") {
		t.Fatalf("the reference over a dos lock: exit %d %q", code, out)
	}
	// A reference lock older than 300 s is stolen, as the reference does.
	write("python-agent", "2020-01-01T00:00:00Z")
	m, code, stderr, _ = dosRun(ctx, bin, ws, "lease-lane", "acquire", "--owner", "B", "--lane", "b", "--wait", "0.5")
	if code != 0 || m["verdict"] != "ACQUIRED" {
		t.Fatalf("over a stale reference lock: exit %d %v %s", code, m, stderr)
	}
	// A fresh reference lock from another host's dos is not ours to judge:
	// it is waited for like the reference's own.
	write("dos#dos:elsewhere:1:00", now)
	_, code, _, _ = dosRun(ctx, bin, ws, "lease-lane", "acquire", "--owner", "C", "--lane", "c", "--wait", "0.3")
	if code != 4 {
		t.Fatalf("over another host's fresh lock: exit %d", code)
	}
}

func exitCode(err error) int {
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	if err != nil {
		return -2
	}
	return 0
}

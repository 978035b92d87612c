package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/lock"
)

// The lane tests run the real binary as separate OS processes: the journal
// lock and fsync are only worth testing across processes.

const threeLanes = `[lanes]
concurrent = ["a", "b", "c"]
autopick = ["a", "b", "c"]

[lanes.trees]
a = ["a/**"]
b = ["b/**"]
c = ["c/**"]
`

// buildDos builds cmd/dos (without -race) into a temporary directory,
// passing flags to go build (-tags etcd for the etcd backend).
func buildDos(t *testing.T, flags ...string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "dos")
	args := append(append([]string{"build"}, flags...), "-o", bin, "../cmd/dos")
	if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return bin
}

// laneWorkspace is a git repository declaring three disjoint lanes.
func laneWorkspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cmd := exec.Command("git", "init", "-q", "-b", "main", dir)
	cmd.Env = gitEnvList(dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	if err := os.WriteFile(filepath.Join(dir, "dos.toml"), []byte(threeLanes), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func gitEnvList(home string) []string {
	env := os.Environ()
	for k, v := range GitEnv(home) {
		env = append(env, k+"="+v)
	}
	return append(env, "DISPATCH_WORKSPACE=", "DISPATCH_LANE_JOURNAL_PATH=", "JOB_LANE_JOURNAL_PATH=")
}

// dosRun runs the binary in ws and returns stdout, the exit code and stderr.
func dosRun(ctx context.Context, bin, ws string, args ...string) (map[string]any, int, string, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = ws
	cmd.Env = gitEnvList(ws)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		return nil, -1, errb.String(), err
	}
	var m map[string]any
	if out.Len() > 0 {
		if jerr := json.Unmarshal(out.Bytes(), &m); jerr != nil {
			return nil, code, errb.String(), fmt.Errorf("stdout is not JSON: %v: %q", jerr, out.String())
		}
	}
	return m, code, errb.String(), nil
}

// ack is an acquire the binary acknowledged (exit 0, ACQUIRED).
type ack struct {
	lane, owner, leaseID string
	seq                  int64
}

// history reads the archive (every compacted-away record) followed by the
// live journal, dropping CHECKPOINT rows: the journal's whole history.
func history(t *testing.T, paths ...string) []lease.Record {
	t.Helper()
	var out []lease.Record
	for _, p := range paths {
		f, err := os.Open(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<26)
		for sc.Scan() {
			if len(bytes.TrimSpace(sc.Bytes())) == 0 {
				continue
			}
			r, err := lease.DecodeRecord(sc.Bytes())
			if err != nil {
				t.Fatalf("%s: unreadable line %q: %v", p, sc.Text(), err)
			}
			if r.Op != lease.OpCheckpoint {
				out = append(out, r)
			}
		}
		f.Close()
	}
	return out
}

// auditHistory checks the journal's own history: seq unique and
// increasing, and no lane ever held by two owners at once. It returns the
// ACQUIRE records by lease id.
func auditHistory(t *testing.T, recs []lease.Record) map[string]lease.Record {
	t.Helper()
	var last int64
	type held struct{ owner string }
	live := map[lease.Identity]held{}
	acquires := map[string]lease.Record{}
	for _, r := range recs {
		if r.Seq <= last {
			t.Errorf("seq %d after %d (op %s): not unique and increasing", r.Seq, last, r.Op)
		}
		last = r.Seq
		switch r.Op {
		case lease.OpAcquire:
			l := *r.Lease
			for id, h := range live {
				if id.Lane == l.Lane && h.owner != l.Holder {
					t.Errorf("seq %d: lane %s granted to %s while %s holds it (loop %s)", r.Seq, l.Lane, l.Holder, h.owner, id.LoopTS)
				}
			}
			live[l.ID()] = held{owner: l.Holder}
			acquires[l.LeaseID] = r
		case lease.OpRelease, lease.OpScavenge:
			delete(live, lease.Identity{LoopTS: r.LoopTS, Lane: r.Lane})
		}
	}
	return acquires
}

// tortureEnv selects the long torture runs. By default the lane tests are
// sized to finish in seconds on a busy 2-core machine; DOS_TORTURE=1 runs
// them at the size of the original torture run (50 racers x 20 rounds,
// minutes).
const tortureEnv = "DOS_TORTURE"

// size is small, or long under DOS_TORTURE=1.
func size(small, long int) int {
	if os.Getenv(tortureEnv) == "1" {
		return long
	}
	return small
}

// workContext is a context whose deadline scales with the work: a fixed
// base plus a budget per process run, and never past the test binary's own
// deadline (less a margin to report in), so a slow machine fails with a
// message instead of a killed binary.
func workContext(t *testing.T, runs int) (context.Context, context.CancelFunc) {
	t.Helper()
	budget := 30*time.Second + time.Duration(runs)*300*time.Millisecond
	if dl, ok := t.Deadline(); ok {
		budget = min(budget, time.Until(dl)-10*time.Second)
	}
	return context.WithTimeout(context.Background(), budget)
}

func TestLaneTorture(t *testing.T) {
	if testing.Short() {
		t.Skip("torture test: real processes, skipped under -short")
	}
	bin := buildDos(t)
	ws := laneWorkspace(t)
	workers, cycles := size(10, 50), size(4, 20)
	archive := filepath.Join(ws, "history.jsonl")
	// each cycle runs at most two acquires, a heartbeat and a release.
	ctx, cancel := workContext(t, workers*cycles*4)
	defer cancel()

	var mu sync.Mutex
	var acks []ack
	counts := map[string]int{}
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			owner := fmt.Sprintf("agent-%d", w)
			if w%5 == 0 {
				owner = fmt.Sprintf("shared-%d", w%3) // several workers share these
			}
			for range cycles {
				// A refused cycle retries a few times, so most cycles
				// hold, beat and release a lane.
				var m map[string]any
				code := 1
				for try := 0; try < 2 && code == 1; try++ {
					if try > 0 {
						time.Sleep(time.Duration(rand.N(20)) * time.Millisecond)
					}
					args := []string{"lease-lane", "acquire", "--owner", owner, "--lane", []string{"a", "b", "c"}[rand.N(3)], "--wait", "60"}
					if rand.N(2) == 0 {
						args = append(args, "--auto") // a busy lane is swapped for a free one
					}
					var stderr string
					var err error
					m, code, stderr, err = dosRun(ctx, bin, ws, args...)
					if err != nil {
						t.Errorf("acquire: %v (%s)", err, stderr)
						return
					}
					mu.Lock()
					counts[fmt.Sprint(m["verdict"])]++
					mu.Unlock()
					if code > 1 {
						t.Errorf("acquire exit %d: %v %s", code, m, stderr)
						return
					}
				}
				if code != 0 {
					continue
				}
				got := m["lane"].(string)
				mu.Lock()
				acks = append(acks, ack{lane: got, owner: owner, leaseID: m["lease_id"].(string), seq: int64(m["seq"].(float64))})
				mu.Unlock()
				if _, code, stderr, err := dosRun(ctx, bin, ws, "lease-lane", "heartbeat", "--lane", got, "--owner", owner, "--wait", "60"); err != nil || code > 1 {
					t.Errorf("heartbeat exit %d: %v %s", code, err, stderr)
				}
				if _, code, stderr, err := dosRun(ctx, bin, ws, "lease-lane", "release", "--lane", got, "--owner", owner, "--wait", "60"); err != nil || code > 1 {
					t.Errorf("release exit %d: %v %s", code, err, stderr)
				}
			}
		}()
	}
	// Compaction runs during the race, keeping what it replaces.
	// Compactions stop between runs once the workers are done: one killed
	// mid-run (between archiving and replacing the journal) would leave
	// its records in both files, which the next compaction mends
	// (TestCompactAfterADiedCompactionArchivesOnce) but none would follow.
	done, stop := make(chan struct{}), make(chan struct{})
	compactions := 0
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			select {
			case <-time.After(time.Duration(size(100, 400)) * time.Millisecond):
			case <-stop:
				return
			case <-ctx.Done():
				return
			}
			if _, code, stderr, err := dosRun(ctx, bin, ws, "journal", "compact", "--archive", archive, "--wait", "60"); err != nil || code != 0 {
				if ctx.Err() == nil {
					t.Errorf("compact exit %d: %v %s", code, err, stderr)
				}
				return
			}
			compactions++
		}
	}()
	wg.Wait()
	elapsed := time.Since(start)
	close(stop)
	<-done
	cancel()
	t.Logf("%d workers x %d cycles in %v: %v, %d acknowledged grants, %d compactions", workers, cycles, elapsed.Round(time.Millisecond), counts, len(acks), compactions)
	if compactions == 0 {
		t.Error("no compaction ran during the race")
	}
	if len(acks) == 0 {
		t.Fatal("nothing was granted")
	}
	recs := history(t, archive, filepath.Join(ws, ".dos", "lane-journal.jsonl"))
	acquires := auditHistory(t, recs)
	for _, a := range acks {
		r, ok := acquires[a.leaseID]
		if !ok {
			t.Errorf("acknowledged grant %+v is not in the journal", a)
			continue
		}
		if r.Seq != a.seq || r.Lease.Lane != a.lane || r.Lease.Holder != a.owner {
			t.Errorf("acknowledged grant %+v journaled as seq %d lane %s holder %s", a, r.Seq, r.Lease.Lane, r.Lease.Holder)
		}
	}
	rp, err := journal.New(filepath.Join(ws, ".dos", "lane-journal.jsonl")).Replay()
	if err != nil {
		t.Fatal(err)
	}
	if live := rp.State.Live(); len(live) != 0 || len(rp.Skipped) != 0 || rp.Torn != nil {
		t.Errorf("after every release: live %v, skipped %v, torn %v", live, rp.Skipped, rp.Torn)
	}
}

func TestLaneCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: real processes, skipped under -short")
	}
	bin := buildDos(t)
	ws := laneWorkspace(t)
	writers, rounds := size(6, 8), size(12, 25)
	ctx, cancel := workContext(t, writers*rounds)
	defer cancel()
	var mu sync.Mutex
	var acks []ack
	killed := 0
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			owner := fmt.Sprintf("crash-%d", w)
			for i := range rounds {
				verb := "acquire"
				if i%2 == 1 {
					verb = "release"
				}
				args := []string{"lease-lane", verb, "--owner", owner, "--wait", "60"}
				if verb == "acquire" {
					args = append(args, "--lane", []string{"a", "b", "c"}[rand.N(3)])
				} else {
					args = append(args, "--lane", []string{"a", "b", "c"}[rand.N(3)], "--force")
				}
				cmd := exec.CommandContext(ctx, bin, args...)
				cmd.Dir, cmd.Env = ws, gitEnvList(ws)
				var out bytes.Buffer
				cmd.Stdout = &out
				if err := cmd.Start(); err != nil {
					t.Error(err)
					return
				}
				// Kill about half of the writers at a random moment of
				// their run, most of them inside or near the critical section.
				var timer *time.Timer
				if rand.N(2) == 0 {
					timer = time.AfterFunc(time.Duration(rand.N(8000))*time.Microsecond, func() { cmd.Process.Signal(syscall.SIGKILL) })
				}
				err := cmd.Wait()
				if timer != nil {
					timer.Stop()
				}
				var ee *exec.ExitError
				if errors.As(err, &ee) && ee.ProcessState.Sys().(syscall.WaitStatus).Signaled() {
					mu.Lock()
					killed++
					mu.Unlock()
				}
				var m map[string]any
				if json.Unmarshal(out.Bytes(), &m) == nil && m["verdict"] == "ACQUIRED" {
					mu.Lock()
					acks = append(acks, ack{lane: m["lane"].(string), owner: owner, leaseID: m["lease_id"].(string), seq: int64(m["seq"].(float64))})
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	t.Logf("%d writers killed, %d acknowledged grants", killed, len(acks))
	if killed == 0 {
		t.Fatal("no writer was killed")
	}
	jpath := filepath.Join(ws, ".dos", "lane-journal.jsonl")
	// The journal still reads, and every acknowledged grant is in it.
	rp, err := journal.New(jpath).Replay()
	if err != nil {
		t.Fatalf("replay after crashes: %v", err)
	}
	acquires := auditHistory(t, history(t, jpath))
	for _, a := range acks {
		if _, ok := acquires[a.leaseID]; !ok {
			t.Errorf("acknowledged grant %+v lost", a)
		}
	}
	// A killed holder never wedges the lock: the next writer gets in at
	// once and appends after the journal's maximum seq.
	m, code, stderr, err := dosRun(ctx, bin, ws, "lease-lane", "reap", "--wait", "1")
	if err != nil || code != 0 {
		t.Fatalf("reap after crashes: exit %d %v %s", code, err, stderr)
	}
	if m["verdict"] != "REAPED" {
		t.Fatalf("reap: %v", m)
	}
	m, code, _, err = dosRun(ctx, bin, ws, "journal", "replay")
	if err != nil || code != 0 {
		t.Fatalf("journal replay: exit %d %v", code, err)
	}
	if int64(m["seq"].(float64)) < rp.State.MaxSeq {
		t.Fatalf("seq went backwards: %v < %d", m["seq"], rp.State.MaxSeq)
	}
}

func TestLaneLockBusy(t *testing.T) {
	if testing.Short() {
		t.Skip("real processes")
	}
	bin := buildDos(t)
	ws := laneWorkspace(t)
	lk, err := lock.AcquireFlock(context.Background(), filepath.Join(ws, ".dos", journal.LockName), 0)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	m, code, stderr, err := dosRun(context.Background(), bin, ws, "lease-lane", "acquire", "--owner", "A", "--lane", "a", "--wait", "0.3")
	waited := time.Since(start)
	lk.Release()
	if err != nil || code != 4 || m["verdict"] != "LOCK_BUSY" || stderr != "" {
		t.Fatalf("busy acquire: exit %d %v %v %q", code, m, err, stderr)
	}
	if waited < 300*time.Millisecond {
		t.Fatalf("answered busy after %v, before --wait", waited)
	}
	if _, err := os.Stat(filepath.Join(ws, ".dos", "lane-journal.jsonl")); !os.IsNotExist(err) {
		t.Fatalf("a lock-busy acquire wrote the journal: %v", err)
	}
	m, code, _, _ = dosRun(context.Background(), bin, ws, "lease-lane", "acquire", "--owner", "A", "--lane", "a", "--wait", "0.3")
	if code != 0 || !strings.EqualFold(fmt.Sprint(m["lane"]), "a") {
		t.Fatalf("after the lock was released: exit %d %v", code, m)
	}
}

package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/lock"
)

// The archive lock under kills and races, with the real binary: SIGKILLs
// at random moments of `dos lease acquire` (on a free lock and on a stale
// one), then rounds of racers stealing a stale lock while some of them are
// killed. Never two holders; never a lock that cannot be read (which
// would answer BUSY forever); every dead holder's lock goes stale.

// archiveRun is one finished `dos lease acquire`.
type archiveRun struct {
	owner  string
	killed bool
	code   int
	out    string
}

// startAcquire runs `dos lease acquire owner args...`, killing it after
// killAfter when that is not zero.
func startAcquire(ctx context.Context, bin, ws, owner string, killAfter time.Duration, args ...string) archiveRun {
	cmd := exec.CommandContext(ctx, bin, append([]string{"lease", "acquire", owner}, args...)...)
	cmd.Dir, cmd.Env = ws, gitEnvList(ws)
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		return archiveRun{owner: owner, code: -2, out: err.Error()}
	}
	var timer *time.Timer
	if killAfter > 0 {
		timer = time.AfterFunc(killAfter, func() { cmd.Process.Kill() })
	}
	cmd.Wait()
	if timer != nil {
		timer.Stop()
	}
	code := cmd.ProcessState.ExitCode() // -1: killed by a signal
	return archiveRun{owner: owner, killed: code == -1, code: code, out: strings.TrimSpace(out.String())}
}

// checkLockFile fails unless the archive lock is absent or a complete
// body: an owner, a readable stamp and a pid.
func checkLockFile(t *testing.T, path, when string) (lock.Body, bool) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return lock.Body{}, false
	}
	if err != nil {
		t.Fatalf("%s: read lock: %v", when, err)
	}
	b := lock.ParseBody(raw)
	if _, stamped := lease.ParseStamp(b.AcquiredAt); b.Owner == "" || !stamped || b.PID <= 0 {
		t.Fatalf("%s: the lock is not a complete body: %q", when, raw)
	}
	return b, true
}

func TestArchiveLockKillAndRace(t *testing.T) {
	if testing.Short() {
		t.Skip("kill-and-race test: hundreds of real processes")
	}
	kills, rounds, racers := 250, 30, 8 // kills: processes killed mid-run
	if os.Getenv("DOS_LONG") == "1" {
		kills, rounds = 1000, 150
	}
	bin := buildDos(t)
	ws := laneWorkspace(t)
	lockPath := filepath.Join(ws, ".dos", "leases", ".archive.lock")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	stale := lock.Body{Owner: "ghost", AcquiredAt: "2020-01-01T00:00:00Z", PID: 999999}
	plantStale := func(owner string) {
		os.MkdirAll(filepath.Dir(lockPath), 0o755)
		b := stale
		b.Owner = owner
		if err := os.WriteFile(lockPath, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// Kills land at a random moment of a typical run, learnt as the test
	// goes (the machine may be busy or idle): between a fifth of the way in
	// and its end, since start-up is long and the lock work comes last.
	typical := 20 * time.Millisecond
	learn := func(d time.Duration) { typical = (3*typical + d) / 4 }
	killAt := func() time.Duration {
		return typical/5 + time.Duration(rand.Int64N(int64(typical*4/5)+1))
	}

	// Phase 1: kill acquirers at random moments, on a free lock and on a
	// stale one, until `kills` of them died mid-run. Whatever the moment,
	// the lock is absent or complete, and a finished acquirer holds it.
	landed, leftHeld, sent := 0, 0, 0
	for ; landed < kills && sent < 4*kills; sent++ {
		os.Remove(lockPath)
		if sent%2 == 1 {
			plantStale("ghost")
		}
		owner := fmt.Sprint("victim-", sent)
		start := time.Now()
		r := startAcquire(ctx, bin, ws, owner, killAt())
		b, held := checkLockFile(t, lockPath, fmt.Sprintf("kill %d (%+v)", sent, r))
		switch {
		case r.killed:
			landed++
			if held && b.Owner == owner {
				leftHeld++ // killed after publishing: a complete lock, which ages
			}
		case r.code != 0:
			t.Fatalf("kill %d: %+v", sent, r)
		case !held || b.Owner != owner:
			t.Fatalf("kill %d: %s finished (%s) but the lock says %+v", sent, owner, r.out, b)
		default:
			learn(time.Since(start))
		}
	}
	if landed < kills/4 {
		t.Fatalf("only %d of %d kills landed before the process finished", landed, sent)
	}

	// Phase 2: racers steal a stale lock; some are killed on the way.
	winners, killedRacers, busy := 0, 0, 0
	for round := range rounds {
		plantStale(fmt.Sprint("ghost-", round))
		var mu sync.Mutex
		var got []archiveRun
		var wg sync.WaitGroup
		for i := range racers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var kill time.Duration
				if rand.N(3) == 0 {
					kill = killAt() * 2 // eight at once run slower
				}
				r := startAcquire(ctx, bin, ws, fmt.Sprintf("racer-%d-%d", round, i), kill, "--retries", "0")
				mu.Lock()
				got = append(got, r)
				mu.Unlock()
			}()
		}
		wg.Wait()
		b, held := checkLockFile(t, lockPath, fmt.Sprint("round ", round))
		var holders []string
		anyKilled := false
		for _, r := range got {
			switch {
			case r.killed:
				anyKilled = true
				killedRacers++
			case r.code == 0:
				holders = append(holders, r.owner)
				// "acquired": a stealer killed between moving the stale
				// lock aside and publishing its own left none.
				if !strings.HasPrefix(r.out, "stole-stale ghost-") && r.out != "acquired "+r.owner {
					t.Errorf("round %d: %s: %q", round, r.owner, r.out)
				}
			case r.code == 1:
				busy++
				if !strings.HasPrefix(r.out, "busy racer-") {
					t.Errorf("round %d: %s was busy on %q, not on a racer", round, r.owner, r.out)
				}
			default:
				t.Errorf("round %d: %+v", round, r)
			}
		}
		winners += len(holders)
		switch {
		case len(holders) > 1:
			t.Fatalf("round %d: two holders at once: %v (lock says %s)", round, holders, b.Owner)
		case len(holders) == 1 && (!held || b.Owner != holders[0]):
			t.Fatalf("round %d: %s holds it, but the lock says %+v", round, holders[0], b)
		case len(holders) == 0 && !anyKilled:
			t.Fatalf("round %d: a stale lock and %d racers, and nobody won", round, racers)
		}
	}

	// A dead holder's lock goes stale: wait out a 1 s ttl and take it.
	time.Sleep(2100 * time.Millisecond)
	if r := startAcquire(ctx, bin, ws, "after-the-kills", 0, "--ttl-seconds", "1", "--retries", "0"); r.code != 0 {
		t.Fatalf("after the kills the lock is still busy: %+v", r)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(lockPath), ".archive.lock.tmp.*"))
	if len(left) > 0 {
		t.Errorf("temp files left behind: %v", left)
	}
	t.Logf("%d kills sent, %d landed mid-run (%d after the lock was published), run ~%v; %d rounds x %d racers on a stale lock: %d winners, %d racers killed, %d busy",
		sent, landed, leftHeld, typical, rounds, racers, winners, killedRacers, busy)
}

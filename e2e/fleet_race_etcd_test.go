//go:build etcd

package e2e

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/tree"
	"github.com/dispatchos/dos/state/store/etcdstore/etcdtest"
)

// The fleet race with real processes: 40 `dos lease-lane acquire`
// processes (each its own etcd client, as on 40 machines) race for 8 lanes
// whose trees partly overlap, through an embedded 3-member cluster. What
// the processes were told, and the cluster's own event history, must both
// show no lane held twice and no two overlapping trees live at once.

// fleetLanes are 8 concurrent lanes; l0 ⊃ l1 ⊃ l2 and l3 ⊃ l4 overlap.
var fleetLanes = map[string]string{
	"l0": "a/", "l1": "a/b/", "l2": "a/b/c/", "l3": "b/", "l4": "b/x/",
	"l5": "c/", "l6": "d/", "l7": "e/",
}

// fleetToml declares fleetLanes (all auto-pickable) on the etcd fleet name.
func fleetToml(name string) string {
	var names, trees []string
	for i := range 8 {
		l := fmt.Sprintf("l%d", i)
		names = append(names, fmt.Sprintf("%q", l))
		trees = append(trees, fmt.Sprintf("%s = [%q]", l, fleetLanes[l]))
	}
	return "[lanes]\nconcurrent = [" + strings.Join(names, ", ") + "]\nautopick = [" + strings.Join(names, ", ") +
		"]\n\n[lanes.trees]\n" + strings.Join(trees, "\n") +
		"\n\n[fleet]\nbackend = \"etcd\"\nname = " + fmt.Sprintf("%q", name) + "\ndial_timeout_ms = 3000\n"
}

// fleetGrant is one acknowledged grant as its process saw it: the lease
// was live in etcd at least from acked (the acquire process had exited 0)
// until released (the release process was started).
type fleetGrant struct {
	owner, lane, leaseID string
	// gen is the fencing generation answered: the revision of the
	// transaction that wrote the lease key and its ACQUIRE event.
	gen             int64
	acked, released time.Time
}

// fleetTally counts what the racers were told.
type fleetTally struct {
	mu                            sync.Mutex
	grants                        []fleetGrant
	refused, busy, auto, releases int
}

// fleetDos runs bin in dir with env and returns its stdout and exit code;
// a failure to start fails the test.
func fleetDos(t *testing.T, bin string, env []string, args ...string) ([]byte, int) {
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err == nil {
		return stdout.Bytes(), 0
	}
	if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
		return stdout.Bytes(), ee.ExitCode()
	}
	t.Errorf("%v: %v (%s)", args, err, stderr.Bytes())
	return nil, -1
}

func TestFleetRace40ProcessesOver8Lanes(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 3-member etcd cluster and 40 racing processes")
	}
	start := time.Now()
	bin := buildDos(t, "-tags", "etcd")
	c, err := etcdtest.Start(t.TempDir(), 3)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Stop)
	ws := laneWorkspace(t)
	name := fmt.Sprintf("race-%d", time.Now().UnixNano())
	if err := os.WriteFile(filepath.Join(ws, "dos.toml"), []byte(fleetToml(name)), 0o644); err != nil {
		t.Fatal(err)
	}
	env := append(gitEnvList(ws), "DOS_ETCD_ENDPOINTS="+strings.Join(c.Endpoints, ","))
	setup := time.Since(start)

	const racers, cycles = 40, 6
	var tally fleetTally
	raceStart := time.Now()
	var wg sync.WaitGroup
	for r := range racers {
		wg.Go(func() { fleetRacer(t, bin, ws, env, fmt.Sprintf("agent-%d", r), cycles, &tally) })
	}
	wg.Wait()
	raceTook := time.Since(raceStart)
	t.Logf("setup %v; race %v: %d grants (%d auto-picked), %d refused, %d busy (exit 4), %d releases",
		setup.Round(time.Millisecond), raceTook.Round(time.Millisecond), len(tally.grants), tally.auto, tally.refused, tally.busy, tally.releases)
	if t.Failed() {
		return
	}
	// The race must have raced: grants both named and auto-picked, and
	// refusals of busy or overlapping lanes.
	if len(tally.grants) < 16 || tally.auto == 0 || tally.auto == len(tally.grants) || tally.refused == 0 {
		t.Errorf("too little contention to show anything: %d grants (%d auto-picked), %d refused",
			len(tally.grants), tally.auto, tally.refused)
	}
	checkAckedIntervals(t, tally.grants)
	checkEventHistory(t, bin, ws, env, tally.grants)
	checkNoLocalLaneState(t, ws)
}

// fleetRacer runs cycles acquire attempts as owner; each grant is held a
// few milliseconds and released with a separate process.
func fleetRacer(t *testing.T, bin, ws string, env []string, owner string, cycles int, tally *fleetTally) {
	for range cycles {
		lane := fmt.Sprintf("l%d", rand.IntN(8))
		args := []string{"lease-lane", "acquire", "--workspace", ws, "--owner", owner, "--lane", lane, "--json"}
		auto := rand.IntN(3) == 0
		if auto {
			args = append(args, "--auto")
		}
		out, code := fleetDos(t, bin, env, args...)
		acked := time.Now()
		var res struct {
			Verdict string `json:"verdict"`
			Lane    string `json:"lane"`
			LeaseID string `json:"lease_id"`
			Gen     int64  `json:"generation"`
			Auto    bool   `json:"auto_picked"`
		}
		if code == 0 || code == 1 {
			if err := json.Unmarshal(out, &res); err != nil {
				t.Errorf("%s: acquire exit %d: %v\n%s", owner, code, err, out)
				return
			}
		}
		switch code {
		case 0:
		case 1:
			tally.mu.Lock()
			tally.refused++
			tally.mu.Unlock()
			time.Sleep(time.Duration(rand.IntN(20)) * time.Millisecond)
			continue
		case 4:
			tally.mu.Lock()
			tally.busy++
			tally.mu.Unlock()
			continue
		default:
			t.Errorf("%s: acquire %s exit %d\n%s", owner, lane, code, out)
			return
		}
		if res.Verdict != "ACQUIRED" || res.LeaseID == "" || res.Lane == "" || (!auto && res.Lane != lane) {
			t.Errorf("%s: exit 0 but not a grant of %s: %s", owner, lane, out)
			return
		}
		time.Sleep(time.Duration(10+rand.IntN(30)) * time.Millisecond)
		released := time.Now()
		for try := 0; ; try++ {
			out, code := fleetDos(t, bin, env, "lease-lane", "release", "--workspace", ws, "--owner", owner, "--lane", res.Lane, "--json")
			if code == 0 {
				break
			}
			if code != 4 || try == 20 {
				t.Errorf("%s: release %s (%s) exit %d\n%s", owner, res.Lane, res.LeaseID, code, out)
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		tally.mu.Lock()
		tally.grants = append(tally.grants, fleetGrant{owner: owner, lane: res.Lane, leaseID: res.LeaseID, gen: res.Gen, acked: acked, released: released})
		if res.Auto {
			tally.auto++
		}
		tally.releases++
		tally.mu.Unlock()
	}
}

// overlap reports whether lanes a and b may not be live at once.
func overlap(a, b string) bool {
	return a == b || !tree.Disjoint([]string{fleetLanes[a]}, []string{fleetLanes[b]})
}

// checkAckedIntervals fails when two grants of overlapping lanes were both
// held, by what their processes were told, at one moment: each lease was
// live in etcd from its acquire's exit until its release was started.
func checkAckedIntervals(t *testing.T, grants []fleetGrant) {
	t.Helper()
	for i, g := range grants {
		for _, h := range grants[i+1:] {
			if overlap(g.lane, h.lane) && g.acked.Before(h.released) && h.acked.Before(g.released) {
				t.Errorf("%s held %s (%s) and %s held %s (%s) at once", g.owner, g.lane, g.leaseID, h.owner, h.lane, h.leaseID)
			}
		}
	}
}

// checkEventHistory exports the fleet's events and folds them in seq
// (revision) order: no ACQUIRE of a lane whose tree overlaps a live
// lease's, every acknowledged grant has its ACQUIRE at the revision of its
// generation and its RELEASE, and nothing is live at the end.
func checkEventHistory(t *testing.T, bin, ws string, env []string, grants []fleetGrant) {
	t.Helper()
	out, code := fleetDos(t, bin, env, "journal", "export", "--workspace", ws)
	if code != 0 {
		t.Fatalf("journal export exit %d\n%s", code, out)
	}
	type record struct {
		Op      string `json:"op"`
		Seq     int64  `json:"seq"`
		Lane    string `json:"lane"`
		LeaseID string `json:"lease_id"`
		Lease   struct {
			Holder string   `json:"holder"`
			Tree   []string `json:"tree"`
		} `json:"lease"`
	}
	var recs []record
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("export line %q: %v", sc.Text(), err)
		}
		recs = append(recs, r)
	}
	sort.SliceStable(recs, func(i, j int) bool { return recs[i].Seq < recs[j].Seq })
	type held struct{ lane, holder string }
	live := map[string]held{}
	acquired := map[string]record{}
	released := map[string]bool{}
	ops := map[string]int{}
	for i, r := range recs {
		ops[r.Op]++
		if i > 0 && r.Seq == recs[i-1].Seq {
			t.Errorf("two records at seq %d", r.Seq)
		}
		switch r.Op {
		case lease.OpAcquire:
			if got := strings.Join(r.Lease.Tree, ","); got != fleetLanes[r.Lane] {
				t.Errorf("seq %d: %s granted with tree %q, declared %q", r.Seq, r.Lane, got, fleetLanes[r.Lane])
			}
			for _, h := range live {
				if overlap(r.Lane, h.lane) {
					t.Errorf("seq %d: ACQUIRE %s (%s) for %s while %s (%s) held by %s is live",
						r.Seq, r.Lane, fleetLanes[r.Lane], r.Lease.Holder, h.lane, fleetLanes[h.lane], h.holder)
				}
			}
			live[r.LeaseID] = held{r.Lane, r.Lease.Holder}
			acquired[r.LeaseID] = r
		case lease.OpRelease:
			if _, ok := live[r.LeaseID]; !ok {
				t.Errorf("seq %d: RELEASE of %s, not live", r.Seq, r.LeaseID)
			}
			delete(live, r.LeaseID)
			released[r.LeaseID] = true
		case lease.OpRefuse:
		default:
			// No TTL runs out in this race and nothing compacts.
			t.Errorf("seq %d: unexpected %s record", r.Seq, r.Op)
		}
	}
	for id, h := range live {
		t.Errorf("%s on %s (held by %s) still live after every racer released", id, h.lane, h.holder)
	}
	for _, g := range grants {
		a, ok := acquired[g.leaseID]
		switch {
		case !ok:
			t.Errorf("acknowledged grant %s of %s to %s has no ACQUIRE event", g.leaseID, g.lane, g.owner)
		case a.Lane != g.lane || a.Lease.Holder != g.owner || a.Seq != g.gen:
			t.Errorf("grant %s acknowledged as %s to %s at generation %d, recorded as %s to %s at seq %d",
				g.leaseID, g.lane, g.owner, g.gen, a.Lane, a.Lease.Holder, a.Seq)
		case !released[g.leaseID]:
			t.Errorf("acknowledged release of %s has no RELEASE event", g.leaseID)
		}
	}
	if len(acquired) != len(grants) {
		t.Errorf("%d ACQUIRE events for %d acknowledged grants", len(acquired), len(grants))
	}
	t.Logf("event history: %d records %v", len(recs), ops)
}

// checkNoLocalLaneState fails when the workspace's .dos/ holds lane
// journal state: on the etcd backend leases live only in the cluster.
func checkNoLocalLaneState(t *testing.T, ws string) {
	t.Helper()
	var found []string
	err := filepath.WalkDir(filepath.Join(ws, ".dos"), func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			found = append(found, strings.TrimPrefix(p, ws+string(filepath.Separator)))
		}
		return nil
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for _, f := range found {
		if strings.Contains(f, "lane") || strings.Contains(f, "lease") {
			t.Errorf("local lease state written: %s", f)
		}
	}
	t.Logf(".dos/ holds %v", found)
}

// Command loop measures dos loop and dos watch against the process floor.
//
// It builds dos from this checkout, a repository of -commits commits with
// a dos.toml of 8 lanes, and a lane journal of -records records (leases
// acquired, beaten and released over days, ending with a live lease on
// every lane), warms the journal's fold cache (a writer's reap) and the
// liveness summary (one dos loop), then times side by side:
//
//	dos version            the process floor
//	dos loop               the plan, warm
//	dos loop --json        the same as JSON
//	dos watch --discover   one watchdog tick over every live lease
//	dos loop, no summary   the plan with the liveness summary removed first
//
// and prints each median as a ratio to dos version. Last, it runs dos loop
// --watch for -ticks ticks at a 1 ms interval and reports its peak
// resident size (the limit is 20 MiB). Run it with bench/loop/run.sh.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/dispatchos/dos/bench/internal/gobuild"
	"github.com/dispatchos/dos/bench/internal/histgen"
	"github.com/dispatchos/dos/bench/internal/sidebyside"
)

func main() {
	records := flag.Int("records", 100000, "records in the lane journal")
	commits := flag.Int("commits", 10000, "commits in the history")
	rounds := flag.Int("rounds", 21, "timed runs per command")
	ticks := flag.Int("ticks", 1000, "ticks of the --watch run whose resident size is measured")
	dir := flag.String("dir", "", "where to build (default: a temp dir, kept)")
	flag.Parse()
	log.SetFlags(0)
	var err error
	*dir, err = histgen.Workdir(*dir, "loop")
	check(err)
	root, err := os.Getwd()
	check(err)
	dos := filepath.Join(*dir, "dos")
	check(gobuild.Bin(root, dos, "./cmd/dos"))
	ws, err := histgen.Repo(*dir, *commits)
	check(err)
	var toml strings.Builder
	toml.WriteString("[lanes]\nconcurrent = [\"l1\", \"l2\", \"l3\", \"l4\", \"l5\", \"l6\", \"l7\", \"l8\"]\n\n[lanes.trees]\n")
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&toml, "l%d = [\"l%d/**\"]\n", i, i)
	}
	toml.WriteString("\n[supervise]\ntarget = 8\nspin_halt_after_minutes = 60\n")
	check(os.WriteFile(filepath.Join(ws, "dos.toml"), []byte(toml.String()), 0o644))
	now := time.Now().UTC().Truncate(time.Second)
	journal := filepath.Join(ws, ".dos", "lane-journal.jsonl")
	check(os.MkdirAll(filepath.Dir(journal), 0o755))
	writeJournal(journal, *records, now)
	summary, _ := filepath.Glob(filepath.Join(ws, ".git", "dos", "livefold-*.cache"))
	for _, s := range summary {
		os.Remove(s)
	}
	os.Remove(journal + ".fold")
	env := []string{"DISPATCH_WORKSPACE=" + ws}
	dosIn := func(args ...string) []string { return append([]string{dos}, args...) }
	// A writer folds under the lock and saves the fold cache; a first loop
	// saves the liveness summary.
	runEnv(ws, env, dosIn("lease-lane", "reap")...)
	runEnv(ws, env, dosIn("loop")...)
	fi, err := os.Stat(journal)
	check(err)
	fmt.Printf("lane journal: %d records, %.1f MiB; history: %d commits; %d cores\n", *records, float64(fi.Size())/(1<<20), *commits, numCPU())
	plan := exec.Command(dos, "loop")
	plan.Dir, plan.Env = ws, append(os.Environ(), env...)
	out, _ := plan.Output()
	fmt.Printf("the plan:\n%s\n", indent(string(out)))
	removeSummary := func() error {
		m, _ := filepath.Glob(filepath.Join(ws, ".git", "dos", "livefold-*.cache"))
		for _, s := range m {
			if err := os.Remove(s); err != nil {
				return err
			}
		}
		return nil
	}
	cmds := []sidebyside.Cmd{
		{Name: "dos version", Argv: dosIn("version"), Dir: ws, Env: env},
		{Name: "dos loop", Argv: dosIn("loop"), Dir: ws, Env: env},
		{Name: "dos loop --json", Argv: dosIn("loop", "--json"), Dir: ws, Env: env},
		{Name: "dos watch --discover", Argv: dosIn("watch", "--discover", "--repropose-ms", "999999999999"), Dir: ws, Env: env},
		{Name: "dos loop, no summary (cold)", Argv: dosIn("loop"), Dir: ws, Env: env, Setup: removeSummary},
	}
	stats, err := sidebyside.Run(cmds[:4], *rounds)
	check(err)
	cold, err := sidebyside.Run(cmds[4:], max(3, *rounds/4))
	check(err)
	// The cold runs rebuilt the summary; nothing else changed.
	sidebyside.Print(os.Stdout, append(stats, cold...), "dos version")

	start := time.Now()
	cmd := exec.Command(dos, "loop", "--watch", "--interval", "0.001", "--max-ticks", fmt.Sprint(*ticks))
	cmd.Dir, cmd.Env = ws, append(os.Environ(), env...)
	out, err = cmd.Output()
	check(err)
	took := time.Since(start)
	plans := strings.Count(string(out), "SUPERVISE ")
	rss := float64(sidebyside.MaxRSSKiB(cmd.ProcessState)) / 1024
	verdict := "under"
	if rss >= 20 {
		verdict = "OVER"
	}
	fmt.Printf("\ndos loop --watch, %d ticks at 1 ms: %d plans in %v (%.2f ms a tick), peak resident %.1f MiB (%s the 20 MiB limit)\n",
		*ticks, plans, took.Round(time.Millisecond), float64(took.Milliseconds())/float64(*ticks), rss, verdict)
}

// writeJournal writes n records: each of 8 lanes cycles through leases that
// are acquired, beaten every minute and released, spread over the days
// before now, and ends with a live lease beaten a minute ago.
func writeJournal(path string, n int, now time.Time) {
	f, err := os.Create(path)
	check(err)
	w := bufio.NewWriterSize(f, 1<<20)
	const perLease = 30 // an ACQUIRE, 28 beats, a RELEASE
	start := now.Add(-time.Duration(n/8) * time.Minute)
	seq := 0
	stamp := func(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }
	for i := 0; i < n; i++ {
		lane := fmt.Sprintf("l%d", i%8+1)
		k := i / 8
		at := start.Add(time.Duration(k) * time.Minute)
		cycle, pos := k/perLease, k%perLease
		last := (n-1)/8/perLease == cycle
		loop := stamp(start.Add(time.Duration(cycle*perLease) * time.Minute))
		seq++
		switch {
		case pos == 0:
			fmt.Fprintf(w, `{"acquired_at":%q,"host_id":"bench","lane":%q,"lane_kind":"cluster","lease":{"acquired_at":%q,"holder":"agent-%s","host_id":"bench","lane":%q,"lane_kind":"cluster","lease_id":"L%d","loop_ts":%q,"pid":%d,"tree":["%s/**"],"ttl_minutes":60},"loop_ts":%q,"op":"ACQUIRE","pid":%d,"reason":"lane-lease:agent-%s","seq":%d,"tree":["%s/**"],"ts":%q}`+"\n",
				loop, lane, loop, lane, lane, seq, loop, 4000+cycle, lane, loop, 4000+cycle, lane, seq, lane, stamp(at))
		case pos == perLease-1 && !last:
			fmt.Fprintf(w, `{"host_id":"bench","lane":%q,"loop_ts":%q,"op":"RELEASE","reason":"lane-lease:agent-%s","seq":%d,"ts":%q}`+"\n", lane, loop, lane, seq, stamp(at))
		default:
			fmt.Fprintf(w, `{"heartbeat_at":%q,"host_id":"bench","lane":%q,"loop_ts":%q,"op":"HEARTBEAT","seq":%d,"ts":%q}`+"\n", stamp(at), lane, loop, seq, stamp(at))
		}
	}
	check(w.Flush())
	check(f.Close())
}

func indent(s string) string {
	return "  " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n  ")
}

func numCPU() int {
	out, err := exec.Command("nproc").Output()
	if err != nil {
		return 0
	}
	var n int
	fmt.Sscan(string(out), &n)
	return n
}

func run(dir string, argv ...string) { runEnv(dir, nil, argv...) }

func runEnv(dir string, env []string, argv ...string) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir, cmd.Env, cmd.Stderr = dir, append(os.Environ(), env...), os.Stderr
	if out, err := cmd.Output(); err != nil {
		log.Fatalf("%s: %v\n%s", strings.Join(argv, " "), err, out)
	}
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

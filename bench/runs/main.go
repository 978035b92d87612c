// Command runs measures the run verbs against the process floor.
//
// It builds dos from this checkout, a repository of -commits commits
// (histgen), a lane journal of -records records across 64 lanes in which
// one run holds a lease and beats, and that run's intent ledger (declared,
// claimed and verified through the CLI). With the journal's fold cache and
// the verify index warm, it times side by side, as whole processes:
//
//	dos version    the process floor
//	dos liveness   commit rung (start sha 5 commits back) + journal rungs
//	dos status     liveness + the run's live lease + steps re-checked in git
//
// and prints each median as a ratio to dos version. The repository gets a
// commit-graph, as git gc leaves one. Run it with
// bench/runs/run.sh.
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

// The run every command asks about, and when it started.
const (
	runID   = "RID-1KSR49200000C1S"
	startMS = int64(1780000000000)
)

func main() {
	commits := flag.Int("commits", 10000, "commits in the generated history")
	records := flag.Int("records", 100000, "records in the generated lane journal")
	rounds := flag.Int("rounds", 21, "timed runs per command")
	dir := flag.String("dir", "", "where to build the repository and binary (default: a temp dir, kept)")
	flag.Parse()
	log.SetFlags(0)
	var err error
	*dir, err = histgen.Workdir(*dir, "runs")
	check(err)
	repo, err := histgen.Repo(*dir, *commits)
	check(err)
	// git gc and git maintenance keep a commit-graph; liveness walks it.
	run(repo, "git", "commit-graph", "write", "--reachable")
	root, err := os.Getwd()
	check(err)
	dos := filepath.Join(*dir, "dos")
	check(gobuild.Bin(root, dos, "./cmd/dos"))

	// The run: its ledger declared from 5 commits back, two steps verified.
	d := func(args ...string) { run(repo, dos, append(args, "--workspace", repo)...) }
	os.RemoveAll(filepath.Join(repo, ".dos", "runs"))
	d("intent", "declare", "--run-id", runID, "--goal", "bench", "--start-sha", "HEAD~5",
		"--step", "s1", "--step", "s2", "--step", "s3")
	d("intent", "claim", "--run-id", runID, "--step", "s1", "--sha", "HEAD~3")
	d("intent", "verify-step", "--run-id", runID, "--step", "s1", "--sha", "HEAD~3")
	d("intent", "verify-step", "--run-id", runID, "--step", "s2", "--sha", "HEAD~1")

	journal := filepath.Join(repo, ".dos", "lane-journal.jsonl")
	check(writeJournal(journal, *records))
	os.Remove(journal + ".fold")
	// Readers never write the fold cache; a writer folds under the lock and
	// saves it (halt writes a HALT and changes no lease). The first status
	// warms the verify index.
	d("halt", "--handle", "bench-warm")
	now := fmt.Sprint(startMS + 20*60*1000)
	start := strings.TrimSpace(output(repo, "git", "rev-parse", "HEAD~5"))
	liveness := []string{dos, "liveness", "--run-id", runID, "--start-sha", start, "--lane", "hot", "--loop-ts", stamp(startMS),
		"--now-ms", now, "--workspace", repo}
	status := []string{dos, "status", runID, "--now-ms", now, "--workspace", repo}
	for _, c := range [][]string{liveness, status} {
		out, _ := exec.Command(c[0], c[1:]...).CombinedOutput()
		fmt.Printf("$ dos %s\n%s\n", strings.Join(c[1:3], " "), out)
	}
	cmds := []sidebyside.Cmd{
		{Name: "dos version", Argv: []string{dos, "version"}},
		{Name: "dos liveness", Argv: liveness},
		{Name: "dos status", Argv: status},
	}
	stats, err := sidebyside.Run(cmds, *rounds)
	check(err)
	fmt.Printf("runs on %d commits and a %d-record lane journal (fold cache warm), %d rounds, medians:\n", *commits, *records, *rounds)
	sidebyside.Print(os.Stdout, stats, "dos version")
}

// writeJournal writes n records: ACQUIRE, HEARTBEAT and RELEASE cycles on
// 64 lanes, plus the bench run's lease on lane "hot", acquired at the
// run's start and beating to the end.
func writeJournal(path string, n int) error {
	check(os.MkdirAll(filepath.Dir(path), 0o755))
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	hot := stamp(startMS)
	fmt.Fprintf(w, `{"lane":"hot","lane_kind":"cluster","lease":{"acquired_at":"%s","holder":"bench","host_id":"h","lane":"hot","lane_kind":"cluster","loop_ts":"%s","pid":1,"run_id":"%s","tree":["hot/**"],"ttl_minutes":600},"loop_ts":"%s","op":"ACQUIRE","seq":1,"ts":"%s"}`+"\n", hot, hot, runID, hot, hot)
	for i := 1; i < n; i++ {
		t := startMS - 3_600_000 + int64(i)*int64(4_800_000)/int64(n)
		ts := stamp(t)
		if i%1000 == 0 {
			fmt.Fprintf(w, `{"heartbeat_at":"%s","lane":"hot","loop_ts":"%s","op":"HEARTBEAT","seq":%d,"ts":"%s"}`+"\n", ts, hot, i+1, ts)
			continue
		}
		lane := fmt.Sprintf("l%d", i%64)
		loop := stamp(t - t%600_000)
		switch (i / 64) % 3 {
		case 0:
			fmt.Fprintf(w, `{"lane":"%s","lane_kind":"cluster","lease":{"acquired_at":"%s","holder":"agent-%d","host_id":"h","lane":"%s","lane_kind":"cluster","loop_ts":"%s","pid":%d,"tree":["%s/**"],"ttl_minutes":30},"loop_ts":"%s","op":"ACQUIRE","seq":%d,"ts":"%s"}`+"\n",
				lane, ts, i%64, lane, loop, 4000+i, lane, loop, i+1, ts)
		case 1:
			fmt.Fprintf(w, `{"heartbeat_at":"%s","lane":"%s","loop_ts":"%s","op":"HEARTBEAT","seq":%d,"ts":"%s"}`+"\n", ts, lane, loop, i+1, ts)
		default:
			fmt.Fprintf(w, `{"lane":"%s","loop_ts":"%s","op":"RELEASE","seq":%d,"ts":"%s"}`+"\n", lane, loop, i+1, ts)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

func stamp(ms int64) string { return time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05Z") }

func run(dir, name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func output(dir, name string, args ...string) string {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	check(err)
	return string(out)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

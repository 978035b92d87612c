// Command verify benchmarks dos verify against git on a large history.
//
// It builds a repository of -commits commits with git fast-import (one
// stamp, for BENCH7, about nine tenths of the way down; a plan doc with 300
// phases), then times side by side, as whole processes:
//
//	git log -E --grep   the baseline: git's own search for the token
//	verify cold         dos verify --no-index (a full walk, nothing cached)
//	verify warm hit     dos verify with the index built, HEAD unchanged
//	verify warm miss    the same for a phase that never shipped
//	plan cold (300)     dos plan --no-index over 300 phases
//	after one commit    dos verify right after HEAD moved by one commit
//
// and prints each median as a ratio to git. Run it with bench/verify/run.sh.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/dispatchos/dos/bench/internal/gobuild"
	"github.com/dispatchos/dos/bench/internal/histgen"
	"github.com/dispatchos/dos/bench/internal/sidebyside"
)

func main() {
	commits := flag.Int("commits", 100000, "commits in the generated history")
	rounds := flag.Int("rounds", 7, "timed runs per command")
	dir := flag.String("dir", "", "where to build the repository (default: a temp dir, kept)")
	dos := flag.String("dos", "", "the dos binary (default: built from this checkout)")
	flag.Parse()
	log.SetFlags(0)
	var err error
	*dir, err = histgen.Workdir(*dir, "verify")
	check(err)
	repo, err := histgen.Repo(*dir, *commits)
	check(err)
	if *dos == "" {
		*dos = filepath.Join(*dir, "dos")
		check(gobuild.Bin("", *dos, "./cmd/dos"))
	}
	// Warm the index once (and check the verdicts are what the bench claims).
	for _, c := range [][]string{{"verify", "BENCH", "BENCH7"}, {"verify", "BENCH", "BENCH8"}} {
		out, _ := exec.Command(*dos, append(c, "--workspace", repo)...).Output()
		log.Printf("dos %s -> %s", strings.Join(c, " "), strings.TrimSpace(string(out)))
	}
	w := func(args ...string) []string { return append([]string{*dos}, append(args, "--workspace", repo)...) }
	stats, err := sidebyside.Run([]sidebyside.Cmd{
		{Name: "git log -E --grep", Argv: []string{"git", "-C", repo, "log", "-E", "--grep", `^BENCH7:`, "--format=%h %s"}},
		{Name: "dos verify --no-index (cold)", Argv: w("verify", "BENCH", "BENCH7", "--no-index")},
		{Name: "dos verify warm hit", Argv: w("verify", "BENCH", "BENCH7")},
		{Name: "dos verify warm miss", Argv: w("verify", "BENCH", "BENCH8")},
		{Name: "dos plan --no-index (300 phases)", Argv: w("plan", "--no-index")},
		{Name: "dos version (process floor)", Argv: []string{*dos, "version"}},
		// Last, so the commit it makes leaves the others warm next round.
		{Name: "dos verify after one new commit", Argv: w("verify", "BENCH", "BENCH7"), Setup: func() error {
			out, err := exec.Command("git", "-C", repo, "-c", "user.name=bench", "-c", "user.email=bench@dos.invalid",
				"commit", "-q", "--allow-empty", "-m", "bench: one more commit").CombinedOutput()
			if err != nil {
				return fmt.Errorf("%v: %s", err, out)
			}
			return nil
		}},
	}, *rounds)
	check(err)
	fmt.Printf("\nverify on %d commits, %d rounds, medians:\n", *commits, *rounds)
	sidebyside.Print(os.Stdout, stats, "git log -E --grep")
	var cold, plan float64
	for _, s := range stats {
		switch s.Name {
		case "dos verify --no-index (cold)":
			cold = float64(s.Median)
		case "dos plan --no-index (300 phases)":
			plan = float64(s.Median)
		}
	}
	fmt.Printf("\nplan (300 phases) ÷ one cold verify: %.2f\n", plan/cold)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

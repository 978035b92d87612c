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
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/dispatchos/dos/bench/internal/sidebyside"
)

func main() {
	commits := flag.Int("commits", 100000, "commits in the generated history")
	rounds := flag.Int("rounds", 7, "timed runs per command")
	dir := flag.String("dir", "", "where to build the repository (default: a temp dir, kept)")
	dos := flag.String("dos", "", "the dos binary (default: built from this checkout)")
	flag.Parse()
	log.SetFlags(0)
	if *dir == "" {
		d, err := os.MkdirTemp("", "dos-bench-verify-*")
		check(err)
		*dir = d
	}
	repo := filepath.Join(*dir, fmt.Sprintf("repo-%d", *commits))
	if _, err := os.Stat(filepath.Join(repo, ".git")); err != nil {
		log.Printf("building %d commits in %s ...", *commits, repo)
		check(build(repo, *commits))
	}
	if *dos == "" {
		*dos = filepath.Join(*dir, "dos")
		out, err := exec.Command("go", "build", "-o", *dos, "./cmd/dos").CombinedOutput()
		if err != nil {
			log.Fatalf("go build: %v\n%s", err, out)
		}
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

// build writes a history with git fast-import: every commit changes one
// file, so no commit is empty; the only BENCH7 stamp is ~90% deep.
func build(repo string, n int) error {
	if err := os.MkdirAll(repo, 0o755); err != nil {
		return err
	}
	if out, err := exec.Command("git", "init", "-q", "-b", "main", repo).CombinedOutput(); err != nil {
		return fmt.Errorf("git init: %v: %s", err, out)
	}
	cmd := exec.Command("git", "-C", repo, "fast-import", "--quiet")
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(in, 1<<20)
	stampAt := n/10 + 1 // counted from the oldest: the stamp sits 90% deep
	var plan strings.Builder
	plan.WriteString("# Bench plan\n")
	for p := 1; p <= 300; p++ {
		fmt.Fprintf(&plan, "## %d. BENCH BENCH%d — unit %d\n", p, p+1000, p)
	}
	words := []string{"fix", "refactor", "docs", "test", "chore", "feat", "perf", "build"}
	for i := 1; i <= n; i++ {
		subject := fmt.Sprintf("%s(area%d): change %d of the bench history", words[i%len(words)], i%97, i)
		if i == stampAt {
			subject = "BENCH7: ship the thing that matters"
		}
		if i%1000 == 0 {
			subject = fmt.Sprintf("BENCH%d: ship unit %d", 1000+i/1000, i/1000)
		}
		t := int64(1_600_000_000 + i*60)
		fmt.Fprintf(bw, "commit refs/heads/main\nmark :%d\ncommitter Bench <bench@dos.invalid> %d +0000\ndata %d\n%s\n", i, t, len(subject)+1, subject)
		if i > 1 {
			fmt.Fprintf(bw, "from :%d\n", i-1)
		}
		content := fmt.Sprintf("line %d\n", i)
		fmt.Fprintf(bw, "M 644 inline src/area%d/file%d.txt\ndata %d\n%s\n", i%97, i%13, len(content), content)
		if i == 1 {
			fmt.Fprintf(bw, "M 644 inline docs/bench-plan.md\ndata %d\n%s\n", plan.Len(), plan.String())
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	in.Close()
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("fast-import: %w", err)
	}
	out, err := exec.Command("git", "-C", repo, "checkout", "-q", "-f", "main").CombinedOutput()
	if err != nil {
		return fmt.Errorf("checkout: %v: %s", err, out)
	}
	return nil
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

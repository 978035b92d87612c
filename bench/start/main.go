// Command start measures how close dos starts to a bare Go process.
//
// It builds, from this checkout, dos and a bare Go program that prints one
// line (the floor), optionally dos as of another revision (-before), and a
// repository of -commits commits with a warm verify index, then times side
// by side, as whole processes:
//
//	floor             a bare Go binary printing one line (and the same
//	                  with dos's //go:debug updatemaxprocs=0 line)
//	dos version       the process floor of dos itself, built static
//	                  (CGO_ENABLED=0, as the README installs it) and with
//	                  the toolchain's default (cgo on: "dos (cgo on)")
//	verify warm hit   dos verify, index built, HEAD unchanged
//	verify warm miss  the same for a phase that never shipped
//	git log --grep    git's own search over the same history
//
// and prints each median as a ratio to the floor, plus binary size, the
// number of packages linked and the package-init time GODEBUG=inittrace
// reports. Run it with bench/start/run.sh.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dispatchos/dos/bench/internal/gobuild"
	"github.com/dispatchos/dos/bench/internal/histgen"
	"github.com/dispatchos/dos/bench/internal/sidebyside"
)

func main() {
	commits := flag.Int("commits", 100000, "commits in the generated history")
	rounds := flag.Int("rounds", 201, "timed runs of each start-up command")
	gitRounds := flag.Int("git-rounds", 11, "timed runs of git log --grep (half a second each)")
	dir := flag.String("dir", "", "where to build the repository and binaries (default: a temp dir, kept)")
	before := flag.String("before", "", "also measure dos as built at this git revision")
	flag.Parse()
	log.SetFlags(0)
	var err error
	*dir, err = histgen.Workdir(*dir, "start")
	check(err)
	repo, err := histgen.Repo(*dir, *commits)
	check(err)
	root, err := os.Getwd()
	check(err)
	floor := buildFloor(*dir, "floor-src", "")
	// dos opts out of the runtime's GOMAXPROCS refresh goroutine (see
	// cmd/dos): this floor does too, so its ratio reads dos's own cost.
	floorQuiet := buildFloor(*dir, "floor-quiet-src", "//go:debug updatemaxprocs=0\n")
	dos := filepath.Join(*dir, "dos")
	check(gobuild.Static(root, dos, "./cmd/dos"))
	dosCgo := filepath.Join(*dir, "dos-cgo")
	check(gobuild.Bin(root, dosCgo, "./cmd/dos"))
	bins := []struct{ name, path, src string }{{"dos", dos, root}, {"dos (cgo on)", dosCgo, root}}
	if *before != "" {
		src := filepath.Join(*dir, "before-src")
		os.RemoveAll(src)
		run(root, "git", "worktree", "add", "-q", "--detach", src, *before)
		defer run(root, "git", "worktree", "remove", "--force", src)
		old := filepath.Join(*dir, "dos-before")
		check(gobuild.Static(src, old, "./cmd/dos"))
		bins = append(bins, struct{ name, path, src string }{"dos@" + *before, old, src})
	}
	var cmds []sidebyside.Cmd
	cmds = append(cmds, sidebyside.Cmd{Name: "floor (bare Go, one line)", Argv: []string{floor}},
		sidebyside.Cmd{Name: quietName, Argv: []string{floorQuiet}})
	for _, b := range bins {
		for _, c := range [][]string{{"verify", "BENCH", "BENCH7"}, {"verify", "BENCH", "BENCH8"}} {
			exec.Command(b.path, append(c, "--workspace", repo)...).Run() // warm the index
		}
		w := func(args ...string) []string { return append([]string{b.path}, append(args, "--workspace", repo)...) }
		cmds = append(cmds,
			sidebyside.Cmd{Name: b.name + " version", Argv: []string{b.path, "version"}},
			sidebyside.Cmd{Name: b.name + " verify warm hit", Argv: w("verify", "BENCH", "BENCH7")},
			sidebyside.Cmd{Name: b.name + " verify warm miss", Argv: w("verify", "BENCH", "BENCH8")},
		)
	}
	stats, err := sidebyside.Run(cmds, *rounds)
	check(err)
	// git log takes half a second: it gets its own, shorter run, so the
	// millisecond commands can have the many rounds a noisy machine needs.
	gitLog := sidebyside.Cmd{Name: "git log -E --grep", Argv: []string{"git", "-C", repo, "log", "-E", "--grep", `^BENCH7:`, "--format=%h %s"}}
	gstats, err := sidebyside.Run([]sidebyside.Cmd{gitLog}, *gitRounds)
	check(err)
	stats = append(stats, gstats...)
	fmt.Printf("\nstart-up on %d commits, %d rounds (git log: %d), medians:\n", *commits, *rounds, *gitRounds)
	sidebyside.Print(os.Stdout, stats, cmds[0].Name)
	med := map[string]float64{}
	for _, s := range stats {
		med[s.Name] = float64(s.Median)
	}
	fmt.Println()
	for _, b := range bins {
		v := med[b.name+" version"]
		fmt.Printf("%s: version ÷ floor %.2f (÷ floor with updatemaxprocs=0: %.2f); warm hit ÷ version %.2f, miss ÷ version %.2f; warm hit ÷ git log %.4f, miss %.4f\n",
			b.name, v/med[cmds[0].Name], v/med[quietName], med[b.name+" verify warm hit"]/v, med[b.name+" verify warm miss"]/v,
			med[b.name+" verify warm hit"]/med["git log -E --grep"], med[b.name+" verify warm miss"]/med["git log -E --grep"])
		st, _ := os.Stat(b.path)
		fmt.Printf("%s: binary %.1f MB, %d packages linked, package init %.2f ms\n",
			b.name, float64(st.Size())/1e6, countDeps(b.src), initMillis(b.path))
	}
}

// quietName is the floor built with dos's go:debug line.
const quietName = "floor, updatemaxprocs=0"

// buildFloor writes and builds the bare Go program in dir/name, with
// directives (go:debug lines) above its package clause.
func buildFloor(dir, name, directives string) string {
	src := filepath.Join(dir, name)
	check(os.MkdirAll(src, 0o755))
	check(os.WriteFile(filepath.Join(src, "go.mod"), []byte("module floor\n\ngo 1.26\n"), 0o644))
	check(os.WriteFile(filepath.Join(src, "main.go"), []byte(directives+"package main\n\nimport \"os\"\n\nfunc main() { os.Stdout.WriteString(\"floor 1.0\\n\") }\n"), 0o644))
	out := filepath.Join(dir, strings.TrimSuffix(name, "-src"))
	check(gobuild.Bin(src, out, "."))
	return out
}

// countDeps is the number of packages ./cmd/dos links.
func countDeps(src string) int {
	cmd := exec.Command("go", "list", "-deps", "./cmd/dos")
	cmd.Dir = src
	out, err := cmd.Output()
	if err != nil {
		return -1
	}
	return bytes.Count(out, []byte("\n"))
}

// initMillis is the sum of the package-init clock times inittrace reports
// for one `version` run (the median of 11).
func initMillis(bin string) float64 {
	var runs []float64
	for range 11 {
		cmd := exec.Command(bin, "version")
		cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
		var errb bytes.Buffer
		cmd.Stderr = &errb
		if cmd.Run() != nil {
			return -1
		}
		total := 0.0
		sc := bufio.NewScanner(&errb)
		for sc.Scan() {
			f := strings.Fields(sc.Text())
			// init <pkg> @<t> ms, <clock> ms clock, ...
			if len(f) > 5 && f[0] == "init" && f[5] == "ms" {
				if x, err := strconv.ParseFloat(f[4], 64); err == nil {
					total += x
				}
			}
		}
		runs = append(runs, total)
	}
	for i := range runs {
		for j := i + 1; j < len(runs); j++ {
			if runs[j] < runs[i] {
				runs[i], runs[j] = runs[j], runs[i]
			}
		}
	}
	return runs[len(runs)/2]
}

func run(dir string, argv ...string) {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("%s: %v\n%s", strings.Join(argv, " "), err, out)
	}
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

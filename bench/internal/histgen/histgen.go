// Package histgen writes large synthetic git histories for benchmarks.
package histgen

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Build writes a history with git fast-import: every commit changes one
// file, so no commit is empty; the only BENCH7 stamp is ~90% deep.
func Build(repo string, n int) error {
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

// Workdir returns dir, or a new temporary directory named after the bench
// when dir is empty (kept afterwards, so a second run reuses its history).
func Workdir(dir, bench string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	return os.MkdirTemp("", "dos-bench-"+bench+"-*")
}

// Repo returns dir/repo-<n>, building a history of n commits there first
// unless one is already there.
func Repo(dir string, n int) (string, error) {
	repo := filepath.Join(dir, fmt.Sprintf("repo-%d", n))
	if _, err := os.Stat(filepath.Join(repo, ".git")); err == nil {
		return repo, nil
	}
	fmt.Fprintf(os.Stderr, "building %d commits in %s ...\n", n, repo)
	return repo, Build(repo, n)
}

package e2e

import (
	"bufio"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/dispatchos/dos/internal/gittest"
)

// Every console example in README.md is run, in order, in one repository
// (issue: the README's examples drifted from what the verbs print). A line
// "$ cmd" runs cmd; the lines under it, up to the next "$", are its output.
// Shas are compared as shas, a trailing "# exit N" is the exit code, and
// a line ending in "..." matches any line it starts. `dos quickstart`
// prints a transcript of its own: the rest of its block is that output.
func TestReadmeExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("builds dos and runs every README example")
	}
	blocks := consoleBlocks(t, "../README.md")
	if len(blocks) < 3 {
		t.Fatalf("found %d console blocks in README.md", len(blocks))
	}
	dos := buildDos(t)
	dir := gittest.Init(t)
	gittest.Commit(t, dir, "AUTH1: ship the login endpoint", "src/login.go")
	gittest.Commit(t, dir, "AUTH4: ship the logout endpoint", "src/logout.go")
	auth4 := gittest.Git(t, dir, "rev-parse", "HEAD")
	env := append(gittest.Env(), "PATH="+filepath.Dir(dos)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"DISPATCH_WORKSPACE=", "DOS_COLOR=never", "NO_COLOR=1", "TMPDIR=/tmp")
	ran := 0
	for _, b := range blocks {
		for i := 0; i < len(b.lines); i++ {
			cmdLine, ok := strings.CutPrefix(b.lines[i], "$ ")
			if !ok {
				t.Fatalf("README.md:%d: output with no command: %q", b.start+i, b.lines[i])
			}
			var want []string
			j := i + 1
			for ; j < len(b.lines) && (!strings.HasPrefix(b.lines[j], "$ ") || strings.HasPrefix(cmdLine, "dos quickstart")); j++ {
				want = append(want, b.lines[j])
			}
			cmdLine = strings.ReplaceAll(cmdLine, "<the AUTH4 commit>", auth4)
			cmd := exec.Command("sh", "-c", cmdLine)
			cmd.Dir, cmd.Env = dir, env
			out, err := cmd.Output()
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatalf("README.md:%d: %s: %v", b.start+i, cmdLine, err)
			}
			checkOutput(t, b.start+i, cmdLine, want, strings.Split(strings.TrimRight(string(out), "\n"), "\n"), code)
			ran++
			i = j - 1
		}
	}
	if ran < 8 {
		t.Fatalf("only %d README commands ran", ran)
	}
}

type block struct {
	start int
	lines []string
}

// consoleBlocks reads the ```console blocks of a markdown file.
func consoleBlocks(t *testing.T, path string) []block {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []block
	var cur *block
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case line == "```console":
			cur = &block{start: n + 1}
		case line == "```" && cur != nil:
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.lines = append(cur.lines, line)
		}
	}
	return out
}

var (
	shaRE    = regexp.MustCompile(`\b[0-9a-f]{7,40}\b`)
	exitNote = regexp.MustCompile(`\s+# exit (\d+)$`)
)

// checkOutput compares a command's output with the README's lines.
func checkOutput(t *testing.T, line int, cmd string, want, got []string, code int) {
	t.Helper()
	wantCode := -1
	var lines []string
	for _, w := range want {
		if m := exitNote.FindStringSubmatch(w); m != nil {
			wantCode, _ = strconv.Atoi(m[1])
			w = strings.TrimRight(w[:len(w)-len(m[0])], " ")
		}
		lines = append(lines, w)
	}
	if wantCode >= 0 && code != wantCode {
		t.Errorf("README.md:%d: %s exited %d, the README says %d", line, cmd, code, wantCode)
	}
	if len(lines) == 0 {
		return
	}
	if len(got) != len(lines) {
		t.Errorf("README.md:%d: %s printed %d lines, the README shows %d:\n%s", line, cmd, len(got), len(lines), strings.Join(got, "\n"))
		return
	}
	norm := func(s string) string { return shaRE.ReplaceAllString(s, "SHA") }
	for k := range lines {
		w, g := norm(lines[k]), norm(got[k])
		if p, ok := strings.CutSuffix(w, "..."); ok && strings.HasPrefix(g, p) {
			continue
		}
		if w != g {
			t.Errorf("README.md:%d: %s, line %d:\n got %s\nwant %s", line+k+1, cmd, k+1, got[k], lines[k])
		}
	}
}

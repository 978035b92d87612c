// Package gittest runs the git program for tests, with a fixed identity and
// no user or system configuration, so tests behave the same on a developer
// machine and on CI (which has no git identity at all).
package gittest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Vars are the environment entries that give git its test identity.
var Vars = []string{
	"GIT_AUTHOR_NAME=dos test", "GIT_AUTHOR_EMAIL=test@dos.invalid",
	"GIT_COMMITTER_NAME=dos test", "GIT_COMMITTER_EMAIL=test@dos.invalid",
	"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
}

// Env is the process environment plus Vars and extra.
func Env(extra ...string) []string {
	return append(append(os.Environ(), Vars...), extra...)
}

// Git runs git in dir and returns its trimmed combined output; a failure
// fails the test.
func Git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	return GitEnv(t, dir, nil, args...)
}

// GitEnv is Git with extra environment entries (dates, for instance).
func GitEnv(t testing.TB, dir string, extra []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir, cmd.Env = dir, Env(extra...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// Init makes a new repository on branch main in a temporary directory.
func Init(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	Git(t, dir, "init", "-q", "-b", "main")
	return dir
}

// Commit appends msg to file (creating it) and commits it with msg as the
// message, so the commit has a real diff.
func Commit(t testing.TB, dir, msg, file string) {
	t.Helper()
	p := filepath.Join(dir, file)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString(msg + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	Git(t, dir, "add", "--", file)
	Git(t, dir, "commit", "-q", "-m", msg)
}

// Linear writes a linear history of n commits on main with git
// fast-import, oldest first, in a new repository, and checks it out.
// subject names commit i (1-based); every commit changes one file, so none
// is empty. It is fast enough for histories of tens of thousands.
func Linear(t testing.TB, n int, subject func(i int) string) string {
	t.Helper()
	dir := Init(t)
	var in strings.Builder
	for i := 1; i <= n; i++ {
		s := subject(i)
		fmt.Fprintf(&in, "commit refs/heads/main\nmark :%d\ncommitter T <t@dos.invalid> %d +0000\ndata %d\n%s\n",
			i, 1_600_000_000+i, len(s), s)
		if i > 1 {
			fmt.Fprintf(&in, "from :%d\n", i-1)
		}
		fmt.Fprintf(&in, "M 644 inline f%d.txt\ndata 2\n%d\n\n", i%7, i%10)
	}
	cmd := exec.Command("git", "fast-import", "--quiet")
	cmd.Dir, cmd.Env, cmd.Stdin = dir, Env(), strings.NewReader(in.String())
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("fast-import: %v\n%s", err, out)
	}
	Git(t, dir, "checkout", "-q", "-f", "main")
	return dir
}

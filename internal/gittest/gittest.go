// Package gittest runs the git program for tests, with a fixed identity and
// no user or system configuration, so tests behave the same on a developer
// machine and on CI (which has no git identity at all).
package gittest

import (
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

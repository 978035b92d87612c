package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/dispatchos/dos/internal/gittest"
	"github.com/dispatchos/dos/surface/cli"
	"github.com/dispatchos/dos/surface/hook"
	"github.com/dispatchos/dos/surface/mcp"
)

// testNowEnv fixes the clock of the dos command inside scripts. Only this
// test binary reads it; the release build has no such variable.
const testNowEnv = "DOS_TESTSCRIPT_NOW"

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"dos": func() {
			o := cli.Options{}
			if now := testNow(); now != nil {
				o.Now = now
			}
			os.Exit(cli.Run(os.Args[1:], cli.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}, o))
		},
		"dos-hook": func() {
			if len(os.Args) < 2 {
				os.Exit(hook.Main(nil, os.Stdin, os.Stdout, os.Stderr))
			}
			r := hook.ParseArgs(os.Args[1:])
			r.Stdin, r.Stdout, r.Stderr, r.Getenv, r.Now = os.Stdin, os.Stdout, os.Stderr, os.Getenv, time.Now
			if now := testNow(); now != nil {
				r.Now = now
			}
			os.Exit(hook.Run(context.Background(), r))
		},
		"dos-mcp": func() {
			os.Exit(mcp.Main(os.Args[1:], mcp.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
		},
	})
}

// testNow is the clock DOS_TESTSCRIPT_NOW fixes, or nil.
func testNow() func() time.Time {
	s := os.Getenv(testNowEnv)
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad", testNowEnv, err)
		os.Exit(3)
	}
	return func() time.Time { return t }
}

// TestScripts runs one suite per directory under testdata, so a new area is
// picked up without registering it by hand.
func TestScripts(t *testing.T) {
	dirs, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		t.Run(d.Name(), func(t *testing.T) {
			t.Parallel()
			testscript.Run(t, Params(filepath.Join("testdata", d.Name())))
		})
	}
}

// Params are the shared testscript parameters: an isolated HOME, a git
// identity from the environment, $WORK made a git repository, and the
// commands commit and jsonfield.
func Params(dir string) testscript.Params {
	return testscript.Params{
		Dir:                 dir,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		UpdateScripts:       os.Getenv("DOS_UPDATE_SCRIPTS") == "1",
		Setup: func(e *testscript.Env) error {
			for k, v := range GitEnv(e.WorkDir) {
				e.Setenv(k, v)
			}
			e.Setenv("DISPATCH_WORKSPACE", "")
			e.Setenv("DOS_COLOR", "never")
			if e.Getenv("NOGIT") != "" {
				return nil
			}
			cmd := exec.Command("git", "init", "-q", "-b", "main", e.WorkDir)
			cmd.Env = e.Vars
			if out, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("git init: %v: %s", err, out)
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"commit":    cmdCommit,
			"jsonfield": cmdJSONField,
			"git":       cmdGit,
			"subst":     cmdSubst,
			"deadpid":   cmdDeadPID,
			"waitfile":  cmdWaitFile,
			"sleep":     cmdSleep,
		},
	}
}

// GitEnv is the environment that gives git a fixed identity and no user or
// system config, with HOME inside home.
func GitEnv(home string) map[string]string {
	m := map[string]string{"HOME": home}
	for _, kv := range gittest.Vars {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return m
}

// cmdDeadPID sets the variable NAME to the pid of a process that has
// exited and been reaped: deadpid NAME. (A pid is reused only after the
// kernel wraps around, far beyond a script's lifetime.)
func cmdDeadPID(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: deadpid NAME")
	}
	cmd := exec.Command("true")
	ts.Check(cmd.Run())
	ts.Setenv(args[0], fmt.Sprint(cmd.Process.Pid))
}

// cmdGit runs git in the script's directory: git <args...>.
func cmdGit(ts *testscript.TestScript, neg bool, args []string) {
	err := ts.Exec("git", args...)
	if neg && err == nil {
		ts.Fatalf("git %s: unexpected success", strings.Join(args, " "))
	}
	if !neg && err != nil {
		ts.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
}

// cmdCommit makes a commit: commit <message> [file...]. Each file is
// created (or appended to) so the commit has a real diff; with no files the
// commit is empty (--allow-empty).
func cmdCommit(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 {
		ts.Fatalf("usage: commit <message> [file...]")
	}
	for _, f := range args[1:] {
		p := ts.MkAbs(f)
		ts.Check(os.MkdirAll(filepath.Dir(p), 0o755))
		fh, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		ts.Check(err)
		_, err = fmt.Fprintf(fh, "%s\n", args[0])
		ts.Check(err)
		ts.Check(fh.Close())
		ts.Check(ts.Exec("git", "add", "--", f))
	}
	gitArgs := []string{"commit", "-q", "--no-verify", "-m", args[0]}
	if len(args) == 1 {
		gitArgs = append(gitArgs, "--allow-empty")
	}
	ts.Check(ts.Exec("git", gitArgs...))
}

// cmdJSONField checks one top-level field of the JSON on stdout:
// jsonfield <key> <want>; the value is compared as its JSON text, strings
// unquoted. With !, the field must differ or be absent.
func cmdJSONField(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: jsonfield <key> <want>")
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(ts.ReadFile("stdout")), &m); err != nil {
		ts.Fatalf("stdout is not a JSON object: %v", err)
	}
	v, ok := m[args[0]]
	got := ""
	if ok {
		if s, isStr := v.(string); isStr {
			got = s
		} else {
			b, _ := json.Marshal(v)
			got = string(b)
		}
	}
	match := ok && got == args[1]
	if neg && match {
		ts.Fatalf("jsonfield %s: unexpectedly %s", args[0], got)
	}
	if !neg && !match {
		ts.Fatalf("jsonfield %s: got %q (present %v), want %q", args[0], got, ok, args[1])
	}
}

// cmdSubst maps a payload captured from a real host onto this script's
// directories: subst <file>... replaces the host's /repo with $WORK and
// /home/user with $HOME, in place.
func cmdSubst(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: subst <file>...")
	}
	for _, f := range args {
		s := ts.ReadFile(f)
		s = strings.ReplaceAll(s, "/home/user", ts.Getenv("HOME"))
		s = strings.ReplaceAll(s, "/repo", ts.Getenv("WORK"))
		ts.Check(os.WriteFile(ts.MkAbs(f), []byte(s), 0o644))
	}
}

// cmdWaitFile waits until a file exists (a detached process's sign that it
// is done): waitfile <path> [seconds, default 20].
func cmdWaitFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: waitfile <path> [seconds]")
	}
	limit := 20 * time.Second
	if len(args) == 2 {
		d, err := time.ParseDuration(args[1] + "s")
		ts.Check(err)
		limit = d
	}
	p := ts.MkAbs(args[0])
	for deadline := time.Now().Add(limit); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(p); err == nil {
			return
		}
		if time.Now().After(deadline) {
			ts.Fatalf("%s did not appear within %v", args[0], limit)
		}
	}
}

// cmdSleep pauses the script: sleep <duration> (400ms, 1s).
func cmdSleep(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: sleep <duration>")
	}
	d, err := time.ParseDuration(args[0])
	ts.Check(err)
	time.Sleep(d)
}

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A dos process pays for the packages it links at start-up: every package
// with init work faults in a page of code and the data it writes, used or
// not. So no dos package has any: the registry's definitions are static
// data (&call.Def{..., Verdicts: []*call.Verdict{&Yes}, Handler:
// &call.Typed[A, R]{Fn: f}}), and values that need building are built on
// first use (lazy.Value) or are switches. A package variable set by a call
// (sync.OnceValue, regexp.MustCompile, a map literal, a copy of another
// package's variable) shows up here.
func TestNoInitWorkAtStart(t *testing.T) {
	if testing.Short() {
		t.Skip("builds dos")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not installed")
	}
	bin := filepath.Join(t.TempDir(), "dos")
	if out, err := exec.Command(goCmd, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, "version")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("dos version: %v\n%s", err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		// init github.com/dispatchos/dos/verbs/lanes @3.6 ms, 0.038 ms clock, 0 bytes, 0 allocs
		f := strings.Fields(line)
		if len(f) < 10 || f[0] != "init" || !strings.HasPrefix(f[1], "github.com/dispatchos/dos/") {
			continue
		}
		t.Errorf("%s runs init work at every start (%s bytes in %s allocations); build its package variables on first use (lazy.Value) or make them static", f[1], f[7], f[9])
	}
	if !strings.Contains(string(out), "init runtime @") {
		t.Fatalf("GODEBUG=inittrace=1 reported nothing:\n%s", out)
	}
	// The go:debug line in main.go keeps the runtime's GOMAXPROCS refresh
	// goroutine from starting in every process.
	info, err := exec.Command(goCmd, "version", "-m", bin).CombinedOutput()
	if err != nil || !strings.Contains(string(info), "updatemaxprocs=0") {
		t.Errorf("dos is not built with updatemaxprocs=0 (%v):\n%s", err, info)
	}
}

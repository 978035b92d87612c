// Package starttest checks, for the tests of the dos binaries, what a
// process does before main: no dos package may have init work, and the
// binary carries cmd/dos's go:debug line.
package starttest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Check builds the main package in the current directory, runs it once with
// args and stdin under GODEBUG=inittrace=1, and fails t for every dos
// package that ran init work, and when the build lacks updatemaxprocs=0.
// It skips without the go command, and under -short.
func Check(t *testing.T, stdin string, args ...string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not installed")
	}
	bin := filepath.Join(t.TempDir(), "bin")
	if out, err := exec.Command(goCmd, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	cmd.Stdin = strings.NewReader(stdin)
	out, _ := cmd.CombinedOutput() // the answer's exit code is not the point
	if !strings.Contains(string(out), "init runtime @") {
		t.Fatalf("GODEBUG=inittrace=1 reported nothing:\n%s", out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		// init github.com/dispatchos/dos/verbs/lanes @3.6 ms, 0.038 ms clock, 0 bytes, 0 allocs
		f := strings.Fields(line)
		if len(f) < 10 || f[0] != "init" || !strings.HasPrefix(f[1], "github.com/dispatchos/dos/") {
			continue
		}
		t.Errorf("%s runs init work at every start (%s bytes in %s allocations); build its package variables on first use (lazy.Value) or make them static", f[1], f[7], f[9])
	}
	// The go:debug line keeps the runtime's GOMAXPROCS refresh goroutine
	// from starting in every process.
	info, err := exec.Command(goCmd, "version", "-m", bin).CombinedOutput()
	if err != nil || !strings.Contains(string(info), "updatemaxprocs=0") {
		t.Errorf("the binary is not built with updatemaxprocs=0 (%v):\n%s", err, info)
	}
}

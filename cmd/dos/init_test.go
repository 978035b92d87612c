package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// A dos process pays for the packages it links at start-up only what the
// runtime must do: every package init faults in a page of code and the
// data it writes, used or not. So no dos package has init work except the
// verbs packages, which copy verdicts into their static definitions
// (&call.Def{..., Handler: call.Handle(f)}) and allocate nothing. A package
// variable built by a call (sync.OnceValue, regexp.MustCompile, a map
// literal) shows up here: use lazy.Value or a switch.
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
	seen := 0
	for _, line := range strings.Split(string(out), "\n") {
		// init github.com/dispatchos/dos/verbs/lanes @3.6 ms, 0.038 ms clock, 0 bytes, 0 allocs
		f := strings.Fields(line)
		if len(f) < 10 || f[0] != "init" || !strings.HasPrefix(f[1], "github.com/dispatchos/dos/") {
			continue
		}
		if f[1] != "github.com/dispatchos/dos/verbs" && !strings.HasPrefix(f[1], "github.com/dispatchos/dos/verbs/") {
			t.Errorf("%s runs init work at every start; build its package variables on first use (lazy.Value) or make them constant", f[1])
			continue
		}
		seen++
		if f[7] != "0" || f[9] != "0" {
			t.Errorf("%s allocates %s bytes in %s allocations at start-up; keep its package variables static", f[1], f[7], f[9])
		}
	}
	if seen == 0 {
		t.Fatalf("GODEBUG=inittrace=1 reported no verbs package:\n%s", out)
	}
}

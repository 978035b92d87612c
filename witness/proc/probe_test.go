//go:build unix

package proc

import (
	"os"
	"os/exec"
	"testing"

	"github.com/dispatchos/dos/kernel/liveness"
)

func TestProbeSelfAlive(t *testing.T) {
	if got := Probe(os.Getpid(), "", "h"); got != liveness.ProbeAlive {
		t.Fatalf("self = %v", got)
	}
	if got := Probe(os.Getpid(), "h", "h"); got != liveness.ProbeAlive {
		t.Fatalf("self on this host = %v", got)
	}
}

func TestProbeUnknown(t *testing.T) {
	for _, c := range []struct {
		pid        int
		host, this string
	}{{0, "", "h"}, {-1, "", "h"}, {os.Getpid(), "other", "h"}} {
		if got := Probe(c.pid, c.host, c.this); got != liveness.ProbeUnknown {
			t.Errorf("Probe(%d, %q) = %v, want unknown", c.pid, c.host, got)
		}
	}
}

func TestProbeReapedAndZombieAreGone(t *testing.T) {
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil {
		t.Skip(err)
	}
	pid := cmd.Process.Pid
	// Exited but not waited for: a zombie on Linux.
	for range 200 {
		if zombie(pid) {
			break
		}
		exec.Command("sleep", "0.01").Run()
	}
	if _, err := os.Stat("/proc/self/stat"); err == nil {
		if got := Probe(pid, "", ""); got != liveness.ProbeGone {
			t.Errorf("zombie = %v", got)
		}
	}
	cmd.Wait()
	if got := Probe(pid, "", ""); got != liveness.ProbeGone {
		t.Fatalf("reaped = %v", got)
	}
}

//go:build unix

package spawn

import (
	"os/exec"
	"syscall"
)

// detach puts the worker in its own process group, so a signal to dos's
// group (Ctrl-C on a watch loop) does not reach it.
func detach(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

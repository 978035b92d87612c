//go:build !unix

package spawn

import "os/exec"

// detach leaves the worker as it is where process groups differ.
func detach(cmd *exec.Cmd) {}

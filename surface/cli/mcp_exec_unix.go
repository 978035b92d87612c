//go:build unix

package cli

import (
	"os"
	"syscall"
)

// execOrRun replaces dos with bin (dos-mcp, the host dos guard starts)
// when dos's own streams are the process's, so the other side talks to it
// directly and its signals reach it; otherwise (a test's buffers) it runs
// bin as a child and returns its exit code.
func execOrRun(bin string, args []string, stdio IO) (int, error) {
	if stdio.In == os.Stdin && stdio.Out == os.Stdout && stdio.Err == os.Stderr {
		if err := syscall.Exec(bin, append([]string{bin}, args...), os.Environ()); err != nil {
			return 0, err
		}
	}
	return runChild(bin, args, stdio)
}

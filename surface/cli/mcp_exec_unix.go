//go:build unix

package cli

import (
	"os"
	"syscall"
)

// runMCP replaces dos with dos-mcp when dos's own streams are the
// process's, so the host talks to the server directly and its signals
// reach it; otherwise (a test's buffers) it runs dos-mcp as a child.
func runMCP(bin string, args []string, stdio IO) (int, error) {
	if stdio.In == os.Stdin && stdio.Out == os.Stdout && stdio.Err == os.Stderr {
		if err := syscall.Exec(bin, append([]string{bin}, args...), os.Environ()); err != nil {
			return 0, err
		}
	}
	return runChild(bin, args, stdio)
}

//go:build linux

package git

import (
	"os"
	"syscall"
)

// growPipe asks for a 1 MiB pipe buffer (F_SETPIPE_SZ), so git writes the
// history in far fewer, larger chunks. Failure is harmless.
func growPipe(f *os.File) {
	const setPipeSize = 1031
	_, _, _ = syscall.Syscall(syscall.SYS_FCNTL, f.Fd(), setPipeSize, 1<<20)
}

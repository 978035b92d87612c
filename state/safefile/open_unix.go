//go:build unix

package safefile

import (
	"io/fs"
	"os"
	"syscall"

	"github.com/dispatchos/dos/internal/smallfile"
)

// openNoFollow lets the kernel refuse a symlink: O_NOFOLLOW fails the open
// (ELOOP on Linux and macOS, EMLINK on FreeBSD) instead of following it.
func openNoFollow(path string, flag int, perm fs.FileMode) (*os.File, error) {
	return os.OpenFile(path, flag|syscall.O_NOFOLLOW, perm)
}

// readNoFollow reads path whole with the kernel refusing a symlink, in as
// few system calls as smallfile makes.
func readNoFollow(path string, limit int) ([]byte, error) {
	return smallfile.ReadNoFollow(path, limit)
}

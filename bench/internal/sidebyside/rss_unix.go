//go:build unix && !darwin

package sidebyside

import (
	"os"
	"syscall"
)

// maxRSSKiB is the process's peak resident set (getrusage reports KiB).
func maxRSSKiB(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss)
	}
	return 0
}

package sidebyside

import (
	"os"
	"syscall"
)

// MaxRSSKiB is a finished process's peak resident set in KiB (macOS
// reports bytes).
func MaxRSSKiB(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss) / 1024
	}
	return 0
}

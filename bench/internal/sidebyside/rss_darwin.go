package sidebyside

import (
	"os"
	"syscall"
)

// maxRSSKiB is the process's peak resident set (macOS reports bytes).
func maxRSSKiB(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return int64(ru.Maxrss) / 1024
	}
	return 0
}

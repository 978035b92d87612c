//go:build unix

package safefile

import (
	"os"
	"syscall"
)

// FileID is the file's device and inode. A cache that records them for
// the journal it describes never matches a journal replaced since.
func FileID(fi os.FileInfo) (dev, ino uint64) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev), uint64(st.Ino)
	}
	return 0, 0
}

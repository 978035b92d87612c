//go:build unix

package journal

import (
	"os"
	"syscall"
)

// fileID is the file's device and inode: the fold cache names the journal
// it describes by them, so a replaced journal never matches an old cache.
func fileID(fi os.FileInfo) (dev, ino uint64) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev), uint64(st.Ino)
	}
	return 0, 0
}

//go:build unix

package livefold

import (
	"os"
	"syscall"
)

// fileID is the file's device and inode, naming the journal a cache
// describes.
func fileID(fi os.FileInfo) (dev, ino uint64) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev), uint64(st.Ino)
	}
	return 0, 0
}

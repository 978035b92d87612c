package verifyindex

import (
	"io/fs"
	"os"
	"syscall"
	"time"

	"github.com/dispatchos/dos/internal/smallfile"
)

// mapFile maps path read-only and returns what the file was when opened.
// The mapping lives as long as the process (an index is read once per
// verify; a long-lived server keeps the few it uses), so it is never
// unmapped. Files are replaced by rename, never rewritten in place, so a
// mapping never sees a change.
//
// It opens the file with raw system calls: an *os.File would register
// with the runtime's poller and set a finalizer, start-up work a warm
// verify has no use for.
func mapFile(path string) ([]byte, fileStamp, error) {
	fd, err := smallfile.Open(path)
	if err != nil {
		return nil, fileStamp{}, err
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := syscall.Fstat(fd, &st); err != nil {
		return nil, fileStamp{}, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	s := fileStamp{size: st.Size, mod: time.Unix(int64(st.Mtim.Sec), int64(st.Mtim.Nsec))}
	if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
		return nil, fileStamp{}, &fs.PathError{Op: "mmap", Path: path, Err: syscall.ENODEV}
	}
	if st.Size == 0 || st.Size > 1<<40 {
		b, err := os.ReadFile(path)
		return b, s, err
	}
	b, err := syscall.Mmap(fd, 0, int(st.Size), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, fileStamp{}, &fs.PathError{Op: "mmap", Path: path, Err: err}
	}
	return b, s, nil
}

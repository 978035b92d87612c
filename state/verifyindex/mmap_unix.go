//go:build unix && !linux

package verifyindex

import (
	"os"
	"syscall"
)

// mapFile maps path read-only and returns what the file was when opened.
// The mapping lives as long as the process (an index is read once per
// verify; a long-lived server keeps the few it uses), so it is never
// unmapped. Files are replaced by rename, never rewritten in place, so a
// mapping never sees a change.
func mapFile(path string) ([]byte, fileStamp, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileStamp{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fileStamp{}, err
	}
	if st.Size() == 0 || st.Size() > 1<<40 {
		b, err := os.ReadFile(path)
		return b, stampOf(st), err
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	return b, stampOf(st), err
}

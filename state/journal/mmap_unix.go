//go:build unix

package journal

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"

	"github.com/dispatchos/dos/state/safefile"
)

// mapJournal maps the journal read-only for a scan, or returns nil for a
// missing, empty or non-regular file. The caller must call unmap when it
// is done. Appends after the mapping are not seen (a consistent prefix,
// whose partial last line reads as a torn tail); dos never truncates a
// journal in place (compaction renames), and a scan that faults anyway
// recovers (see [Journal.Matching]).
func (j *Journal) mapJournal() (data []byte, unmap func(), err error) {
	f, err := safefile.Open(j.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, func() {}, nil
	}
	if err != nil {
		return nil, nil, safefile.Wrap("read lane journal", j.Path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, fmt.Errorf("read lane journal %s: %w", j.Path, err)
	}
	if !fi.Mode().IsRegular() || fi.Size() == 0 {
		return nil, func() {}, nil
	}
	if fi.Size() > 1<<40 {
		return nil, nil, fmt.Errorf("read lane journal %s: %d bytes is too large", j.Path, fi.Size())
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(fi.Size()), syscall.PROT_READ, syscall.MAP_SHARED)
	if err != nil {
		return nil, nil, errNoMap
	}
	return b, func() { _ = syscall.Munmap(b) }, nil
}

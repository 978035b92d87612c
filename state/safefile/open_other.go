//go:build !unix

package safefile

import (
	"io/fs"
	"os"

	"github.com/dispatchos/dos/internal/smallfile"
)

// openNoFollow checks with Lstat before and after the open, since this
// platform has no O_NOFOLLOW: a link found either time is refused (and the
// file closed). A link swapped in between the two checks is the window
// this cannot close.
func openNoFollow(path string, flag int, perm fs.FileMode) (*os.File, error) {
	if IsSymlink(path) {
		return nil, &SymlinkError{Path: path}
	}
	f, err := os.OpenFile(path, flag, perm)
	if err != nil {
		return nil, err
	}
	if IsSymlink(path) {
		f.Close()
		return nil, &SymlinkError{Path: path}
	}
	return f, nil
}

// readNoFollow opens path refusing a symlink and reads it whole.
func readNoFollow(path string, limit int) ([]byte, error) {
	f, err := openNoFollow(path, os.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return smallfile.ReadOpen(f, path, limit)
}

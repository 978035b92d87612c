//go:build !unix

package safefile

import (
	"io/fs"
	"os"
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

package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ErrSymlink is matched (errors.Is) by every [SymlinkError].
var ErrSymlink = errors.New("state file is a symlink")

// SymlinkError says a state file is a symbolic link and was not opened.
type SymlinkError struct {
	// Path is the state file's path as dos built it.
	Path string
}

// Error names the file relative to the working directory when it lies
// under it (".dos/lane-journal.jsonl"), else by its full path.
func (e *SymlinkError) Error() string {
	return fmt.Sprintf("%s is a symlink; refusing to follow it", display(e.Path))
}

// Is makes errors.Is(err, ErrSymlink) true.
func (e *SymlinkError) Is(target error) bool { return target == ErrSymlink }

// display is path relative to the working directory when it is inside it.
func display(path string) string {
	wd, err := os.Getwd()
	if err != nil || !filepath.IsAbs(path) {
		return path
	}
	rel, err := filepath.Rel(wd, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return rel
}

// IsSymlink reports whether path itself (not what it points to) is a
// symbolic link. A missing path is not.
func IsSymlink(path string) bool {
	fi, err := os.Lstat(path)
	return err == nil && fi.Mode()&fs.ModeSymlink != 0
}

// Refuse returns a [SymlinkError] when path is a symbolic link, else nil.
// It is for state files dos does not open itself (a rename target, a file
// to be removed) and for the lock-free readers' early check.
func Refuse(path string) error {
	if IsSymlink(path) {
		return &SymlinkError{Path: path}
	}
	return nil
}

// Open opens path for reading, refusing a symlink.
func Open(path string) (*os.File, error) {
	return OpenFile(path, os.O_RDONLY, 0)
}

// OpenFile is os.OpenFile that refuses a symlink at the last element of
// path with a [SymlinkError] (and never creates or truncates its target).
func OpenFile(path string, flag int, perm fs.FileMode) (*os.File, error) {
	f, err := openNoFollow(path, flag, perm)
	if err != nil {
		if IsSymlink(path) {
			return nil, &SymlinkError{Path: path}
		}
		return nil, err
	}
	return f, nil
}

// ReadFile reads the whole of path, refusing a symlink (a [SymlinkError])
// and a file of more than max bytes (an error wrapping
// smallfile.ErrTooLarge: a cache or sidecar that large is not one dos
// wrote, and is never read into memory whole).
func ReadFile(path string, max int) ([]byte, error) {
	b, err := readNoFollow(path, max)
	if err != nil && IsSymlink(path) {
		return nil, &SymlinkError{Path: path}
	}
	return b, err
}

// Wrap prefixes err with what was being done to path ("read lane journal
// <path>: ..."), except a [SymlinkError], which already names the file and
// is returned as it is so the person reads one clear sentence.
func Wrap(op, path string, err error) error {
	if err == nil {
		return nil
	}
	var se *SymlinkError
	if errors.As(err, &se) {
		return se
	}
	return fmt.Errorf("%s %s: %w", op, path, err)
}

//go:build !unix

package smallfile

import (
	"io"
	"os"
)

// Read returns the content of the file at path. A file of more than limit
// bytes is not read: the error wraps [ErrTooLarge]. A missing file, a
// directory and any other failure give a *fs.PathError, as os.ReadFile
// does.
func Read(path string, limit int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadOpen(f, path, limit)
}

// ReadOpen reads the open file f (named path in errors) whole, refusing one
// of more than limit bytes as [Read] does. It is for a caller that opened
// the file itself (without following a symlink, say).
func ReadOpen(f *os.File, path string, limit int) ([]byte, error) {
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > int64(limit) {
		return nil, tooLarge(path, limit)
	}
	b, err := io.ReadAll(io.LimitReader(f, int64(limit)+1))
	if err != nil {
		return nil, err
	}
	if len(b) > limit {
		return nil, tooLarge(path, limit)
	}
	return b, nil
}

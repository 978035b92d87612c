//go:build unix

package smallfile

import (
	"fmt"
	"io/fs"
	"syscall"
)

// Read returns the content of the file at path. A file of more than limit
// bytes is not read: the error wraps [ErrTooLarge]. A missing file, a
// directory and any other failure give a *fs.PathError, as os.ReadFile
// does.
func Read(path string, limit int) ([]byte, error) {
	var fd int
	var err error
	for {
		fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := ignoringEINTR(func() error { return syscall.Fstat(fd, &st) }); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	size := 0
	if st.Mode&syscall.S_IFMT == syscall.S_IFREG {
		if st.Size > int64(limit) {
			return nil, tooLarge(path, limit)
		}
		size = int(st.Size)
	}
	// One byte more than the size, so that the read reaching end of file
	// needs no second buffer; files in /proc report size 0 and grow it.
	if size == 0 {
		size = 511
	}
	buf := make([]byte, 0, size+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		var n int
		err := ignoringEINTR(func() (err error) {
			n, err = syscall.Read(fd, buf[len(buf):cap(buf)])
			return err
		})
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		}
		if n <= 0 {
			return buf, nil
		}
		buf = buf[:len(buf)+n]
		if len(buf) > limit {
			return nil, tooLarge(path, limit)
		}
	}
}

func ignoringEINTR(f func() error) error {
	for {
		if err := f(); err != syscall.EINTR {
			return err
		}
	}
}

func tooLarge(path string, limit int) error {
	return &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w (%d bytes)", ErrTooLarge, limit)}
}

//go:build unix

package smallfile

import (
	"io/fs"
	"syscall"
)

// Read returns the content of the file at path. A file of more than limit
// bytes is not read: the error wraps [ErrTooLarge]. A missing file, a
// directory and any other failure give a *fs.PathError, as os.ReadFile
// does.
func Read(path string, limit int) ([]byte, error) { return read(path, limit, 0) }

// ReadNoFollow is [Read] refusing a symlink at the last element of path:
// the open fails (ELOOP on Linux and macOS) instead of following it.
func ReadNoFollow(path string, limit int) ([]byte, error) {
	return read(path, limit, syscall.O_NOFOLLOW)
}

func read(path string, limit, flags int) ([]byte, error) {
	fd, err := open(path, flags)
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	size, err := regularSize(fd)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: path, Err: err}
	}
	if size > int64(limit) {
		return nil, tooLarge(path, limit)
	}
	// One byte more than the size, so that the read reaching end of file
	// needs no second buffer; files in /proc report size 0 and grow it.
	regular := size > 0
	if !regular {
		size = 511
	}
	buf := make([]byte, 0, size+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := syscall.Read(fd, buf[len(buf):cap(buf)])
		switch {
		case err == syscall.EINTR:
			continue
		case err != nil:
			return nil, &fs.PathError{Op: "read", Path: path, Err: err}
		case n <= 0:
			return buf, nil
		}
		buf = buf[:len(buf)+n]
		if len(buf) > limit {
			return nil, tooLarge(path, limit)
		}
		if regular && len(buf) < cap(buf) {
			// A regular file's read comes up short only at its end: no
			// second read to be told so.
			return buf, nil
		}
	}
}

// Open opens path read-only (close-on-exec) with a raw system call and
// returns the descriptor, retrying an interrupted call. Unlike os.Open it
// neither registers the file with the runtime's poller nor sets a
// finalizer. Its error is a *fs.PathError, as os.Open's is.
func Open(path string) (int, error) { return open(path, 0) }

func open(path string, flags int) (int, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC|flags, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return -1, &fs.PathError{Op: "open", Path: path, Err: err}
		}
		return fd, nil
	}
}

// regularSize is the size of the open file fd when it is a regular file,
// else 0. It is out of line so that the stat buffer is not part of Read's
// stack frame: Read runs at the bottom of a warm verify's deepest stack.
//
//go:noinline
func regularSize(fd int) (int64, error) {
	var st syscall.Stat_t
	for {
		err := syscall.Fstat(fd, &st)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, err
		}
		if st.Mode&syscall.S_IFMT != syscall.S_IFREG {
			return 0, nil
		}
		return st.Size, nil
	}
}

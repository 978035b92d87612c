//go:build unix

package lock

import (
	"errors"
	"os"
	"syscall"
)

// errWouldBlock is what tryLock answers for a lock held elsewhere.
var errWouldBlock = syscall.EWOULDBLOCK

// tryLock takes an exclusive flock without waiting.
func tryLock(f *os.File) error { return flock(f, syscall.LOCK_EX|syscall.LOCK_NB) }

// waitLock takes an exclusive flock, blocking in the kernel.
func waitLock(f *os.File) error { return flock(f, syscall.LOCK_EX) }

// unlock drops the flock.
func unlock(f *os.File) error { return flock(f, syscall.LOCK_UN) }

// flock retries EINTR.
func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

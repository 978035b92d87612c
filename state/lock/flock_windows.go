//go:build windows

package lock

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// errWouldBlock is what tryLock answers for a lock held elsewhere.
var errWouldBlock = errors.New("lock held by another process")

// The lock covers one byte at offset 0 of a lock file nobody reads. A
// Windows byte-range lock is released by the system when its process
// exits, like flock(2).
const lockLen = 1

// tryLock takes an exclusive LockFileEx without waiting.
func tryLock(f *os.File) error {
	err := lockFileEx(f, windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return errWouldBlock
	}
	return err
}

// waitLock takes an exclusive LockFileEx, blocking until it is free.
func waitLock(f *os.File) error { return lockFileEx(f, windows.LOCKFILE_EXCLUSIVE_LOCK) }

// unlock drops the lock.
func unlock(f *os.File) error {
	return windows.UnlockFileEx(windows.Handle(f.Fd()), 0, lockLen, 0, new(windows.Overlapped))
}

func lockFileEx(f *os.File, flags uint32) error {
	return windows.LockFileEx(windows.Handle(f.Fd()), flags, 0, lockLen, 0, new(windows.Overlapped))
}

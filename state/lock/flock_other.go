//go:build !unix && !windows

package lock

import (
	"errors"
	"os"
)

// errWouldBlock is what tryLock answers for a lock held elsewhere.
var errWouldBlock = errors.New("lock held by another process")

// errNoLocks says this platform has no file locking dos knows how to use.
var errNoLocks = errors.New("file locking is not supported on this platform")

func tryLock(*os.File) error  { return errNoLocks }
func waitLock(*os.File) error { return errNoLocks }
func unlock(*os.File) error   { return nil }

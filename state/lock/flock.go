package lock

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// ErrBusy is returned when a lock could not be taken within the wait.
var ErrBusy = errors.New("lock busy")

// Flock is a held advisory lock. Release it exactly once.
type Flock struct {
	f *os.File
}

// AcquireFlock takes an exclusive flock on path, creating the file (and
// its directory) if needed. It waits at most wait, polling with jittered
// back-off, then answers [ErrBusy]. A wait of 0 tries once.
func AcquireFlock(ctx context.Context, path string, wait time.Duration) (*Flock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	deadline := time.Now().Add(wait)
	pause := 500 * time.Microsecond
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return &Flock{f: f}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		left := time.Until(deadline)
		if left <= 0 {
			f.Close()
			return nil, fmt.Errorf("%s: %w", path, ErrBusy)
		}
		d := min(pause/2+rand.N(pause), left)
		select {
		case <-ctx.Done():
			f.Close()
			return nil, ctx.Err()
		case <-time.After(d):
		}
		pause = min(pause*2, 20*time.Millisecond)
	}
}

// Release drops the lock.
func (l *Flock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	cerr := l.f.Close()
	l.f = nil
	return errors.Join(err, cerr)
}

package lock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/dispatchos/dos/state/safefile"
)

// ErrBusy is returned when a lock could not be taken within the wait.
var ErrBusy = errors.New("lock busy")

// Flock is a held advisory lock (flock(2) on unix, LockFileEx on
// Windows). Release it exactly once.
type Flock struct {
	f *os.File
}

// AcquireFlock takes an exclusive flock on path, creating the file (and
// its directory) if needed. It waits at most wait, then answers [ErrBusy];
// a wait of 0 tries once. The wait blocks in the kernel, so a waiter gets
// the lock the moment its holder lets go (or dies). A waiter that gave up
// may still be queued in the kernel: it takes the lock and drops it at
// once, so for that instant a single try (wait 0) by someone else can see
// ErrBusy.
func AcquireFlock(ctx context.Context, path string, wait time.Duration) (*Flock, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	f, err := safefile.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, safefile.Wrap("lock", path, err)
	}
	err = tryLock(f)
	if err == nil {
		return &Flock{f: f}, nil
	}
	if !errors.Is(err, errWouldBlock) {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if wait <= 0 {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, ErrBusy)
	}
	// Block in a goroutine; if the caller gives up first, the goroutine
	// drops the lock as soon as it gets it, so nothing stays held.
	var mu sync.Mutex
	abandoned := false
	got := make(chan error, 1)
	go func() {
		err := waitLock(f)
		mu.Lock()
		defer mu.Unlock()
		if abandoned {
			if err == nil {
				unlock(f)
			}
			f.Close()
			return
		}
		got <- err
	}()
	timer := time.NewTimer(wait)
	defer timer.Stop()
	var cause error
	select {
	case err := <-got:
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", path, err)
		}
		return &Flock{f: f}, nil
	case <-timer.C:
		cause = fmt.Errorf("%s: %w", path, ErrBusy)
	case <-ctx.Done():
		cause = ctx.Err()
	}
	mu.Lock()
	defer mu.Unlock()
	select {
	case err := <-got: // it arrived while we were giving up
		if err == nil {
			return &Flock{f: f}, nil
		}
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	default:
		abandoned = true
		return nil, cause
	}
}

// Release drops the lock.
func (l *Flock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlock(l.f)
	cerr := l.f.Close()
	l.f = nil
	return errors.Join(err, cerr)
}

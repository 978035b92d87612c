package lock

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
)

// Archive is the archive lock ("dos lease"): an [Excl] lock file in the
// reference's format and place, which a holder keeps after its process
// exits (acquire, do the ceremony, release). Every change dos makes to it
// happens under an flock on a guard file beside it, so two dos processes
// never interleave a create, a refresh, a steal or a release; a process
// killed inside that section drops the flock with its life, and the lock
// file itself only ever appears complete ([Excl.Publish]).
type Archive struct {
	Excl
	// GuardPath is the flock every dos writer of the lock takes.
	GuardPath string
}

// NewArchive is the archive lock at path, guarded by path + ".guard".
func NewArchive(path string) Archive {
	return Archive{Excl: Excl{Path: path}, GuardPath: path + ".guard"}
}

// guardWait bounds the wait for the guard, which is held for the few
// milliseconds of one read-decide-write.
const guardWait = 30 * time.Second

// Attempt is the outcome of one try at the archive lock.
type Attempt struct {
	// Action is what was done (ArchiveBusy: nothing).
	Action lease.ArchiveAction
	// Prev is the lock found, when there was one.
	Prev Holder
	// Held is true when there was a lock.
	Held bool
}

// Try makes one attempt to take the archive lock for mine.Owner: under the
// guard it reads the lock, asks lease.DecideArchive (with ttl), and
// creates, refreshes or steals it as decided.
func (a Archive) Try(ctx context.Context, mine Body, ttl time.Duration, now time.Time) (Attempt, error) {
	g, err := AcquireFlock(ctx, a.GuardPath, guardWait)
	if err != nil {
		return Attempt{}, fmt.Errorf("archive lock guard: %w", err)
	}
	defer g.Release()
	a.SweepTemps()
	for range 100 {
		prev, held, err := a.Read()
		if err != nil {
			return Attempt{}, err
		}
		age, _ := prev.Age(now)
		act := lease.DecideArchive(held, prev.Owner, mine.Owner, age, ttl)
		at := Attempt{Action: act, Prev: prev, Held: held}
		switch act {
		case lease.ArchiveAcquire:
			err = a.Publish(mine)
			if errors.Is(err, fs.ErrExist) {
				continue // a writer outside dos made one meanwhile: look again
			}
		case lease.ArchiveReenter:
			err = a.Replace(mine)
		case lease.ArchiveSteal:
			var won bool
			won, err = a.Steal(prev.Body, mine)
			if err == nil && !won {
				continue // it changed under us (a writer outside dos): look again
			}
		}
		return at, err
	}
	return Attempt{}, fmt.Errorf("archive lock %s keeps changing under a writer outside dos", a.Path)
}

// Release removes the lock when owner holds it, or whoever holds it with
// force, under the guard. It returns the lock found (held false: none).
func (a Archive) Release(ctx context.Context, owner string, force bool) (prev Holder, held, removed bool, err error) {
	g, err := AcquireFlock(ctx, a.GuardPath, guardWait)
	if err != nil {
		return Holder{}, false, false, fmt.Errorf("archive lock guard: %w", err)
	}
	defer g.Release()
	prev, held, err = a.Read()
	if err != nil || !held {
		return prev, held, false, err
	}
	if prev.Owner != owner && prev.Owner != "" && !force {
		return prev, true, false, nil
	}
	return prev, true, true, a.Remove()
}

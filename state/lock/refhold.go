package lock

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
)

// RefStaleTTL is the reference's stale-lock age: a lane-lease lock older
// than this may be broken by anyone.
const RefStaleTTL = 300 * time.Second

// ExclHold is a held create-exclusive lock. Release it exactly once.
type ExclHold struct {
	e    Excl
	body Body
}

// Body is what the held lock file says.
func (h *ExclHold) Body() Body { return h.body }

// dosOwnerTag marks the owner string dos writes into a lock file:
// "<who>#dos:<host>:<pid>:<random>". It is unique to one acquisition, so
// the reference's owner-keyed re-entrancy can never take it for its own.
const dosOwnerTag = "#dos:"

// DosOwner is a fresh owner string for one acquisition by who.
func DosOwner(who string) string {
	return fmt.Sprintf("%s%s%s:%d:%08x", who, dosOwnerTag, hostname(), os.Getpid(), rand.Uint32())
}

func hostname() string {
	h, err := os.Hostname()
	if err != nil || h == "" {
		return "localhost"
	}
	return strings.ReplaceAll(h, ":", "_")
}

// OurHostDos reports whether owner was written by dos on this host.
func OurHostDos(owner string) bool {
	_, rest, ok := strings.Cut(owner, dosOwnerTag)
	return ok && strings.HasPrefix(rest, strings.ReplaceAll(hostname(), ":", "_")+":")
}

// HoldExcl takes the create-exclusive lock e by the reference's protocol,
// polling until it is free or wait has passed (then [ErrBusy]). A lock
// older than RefStaleTTL is broken by the value-keyed steal. So is a lock
// abandoned(holder) says is dead: the caller knows when that holds (dos
// takes its own flock before this lock, so a dos-written lock found while
// holding that flock belongs to a dos process that died). The caller must
// hold the flock every dos writer of e takes.
func HoldExcl(ctx context.Context, e Excl, who string, wait time.Duration, abandoned func(Holder) bool) (*ExclHold, error) {
	deadline := time.Now().Add(wait)
	e.SweepTemps()
	pause := 2 * time.Millisecond
	for {
		now := time.Now()
		mine := Body{Owner: DosOwner(who), AcquiredAt: lease.FormatStamp(now), PID: os.Getpid()}
		err := e.Publish(mine)
		if err == nil {
			return &ExclHold{e: e, body: mine}, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("lock %s: %w", e.Path, err)
		}
		h, ok, err := e.Read()
		if err != nil {
			return nil, err
		}
		if !ok {
			continue // released meanwhile: try again at once
		}
		age, _ := h.Age(now)
		if age > RefStaleTTL || (abandoned != nil && abandoned(h)) {
			won, err := e.Steal(h.Body, mine)
			if err != nil {
				return nil, fmt.Errorf("lock %s: %w", e.Path, err)
			}
			if won {
				return &ExclHold{e: e, body: mine}, nil
			}
			continue
		}
		if !time.Now().Before(deadline) {
			return nil, fmt.Errorf("%s held by %s: %w", e.Path, h.Owner, ErrBusy)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(min(pause, time.Until(deadline)+time.Millisecond)):
		}
		pause = min(2*pause, 100*time.Millisecond)
	}
}

// Release removes the lock if it is still ours; a lock someone broke
// meanwhile is left to its new holder.
func (h *ExclHold) Release() error {
	if h == nil {
		return nil
	}
	cur, ok, err := h.e.Read()
	if err != nil || !ok || cur.Owner != h.body.Owner {
		return err
	}
	return h.e.Remove()
}

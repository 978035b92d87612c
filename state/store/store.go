package store

import (
	"context"
	"errors"
	"time"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
)

// Token is a backend's compare-and-swap token: what [Store.CommitGrant]
// checks to know that no grant happened since the snapshot was read.
type Token = any

// Grant is what committing a grant wrote.
type Grant struct {
	// Generation is the grant's fencing generation.
	Generation int64
	// Seq is the seq of its ACQUIRE record (on etcd the revision that
	// wrote it, which is also the generation).
	Seq int64
}

// Snapshot is a consistent read of the live leases.
type Snapshot struct {
	// Live holds the leases live at the token, expired ones removed.
	Live []lease.Lease
	// Token is handed back to CommitGrant.
	Token Token
	// Reaped lists the leases found expired without a release, for which
	// this read recorded the SCAVENGE event.
	Reaped []lease.Lease
}

// Fence is a live lease with its fencing generation: the number a write
// made under the lease is checked against (admission.CheckFence).
type Fence = admission.Held

// ArchiveHold is the archive lock as found in place.
type ArchiveHold struct {
	Owner      string
	AcquiredAt string
	PID        int
	// HostID is the host that took it (etcd only; the lock file has none).
	HostID string
	// Age is how old the lock is; AgeKnown is false when its stamp could
	// not be read (the file store then ages it by the file's time).
	Age      time.Duration
	AgeKnown bool
}

// ArchiveTry is what one try at the archive lock did.
type ArchiveTry struct {
	// Action is what was done (lease.ArchiveBusy: nothing).
	Action lease.ArchiveAction
	// Prev is the lock found; Held is false when there was none.
	Prev ArchiveHold
	Held bool
}

// ArchiveRelease is what a release of the archive lock did.
type ArchiveRelease struct {
	// Prev is the lock found; Held is false when there was none.
	Prev ArchiveHold
	Held bool
	// Removed is true when the lock was removed.
	Removed bool
}

// ArchiveLock is a held archive lock.
type ArchiveLock interface {
	// Unlock releases the lock.
	Unlock(ctx context.Context) error
}

// Store is where leases, journal events, ids and the archive lock live.
type Store interface {
	// Snapshot reads the live leases and a token, recording a SCAVENGE
	// for each lease that expired without a release.
	Snapshot(ctx context.Context) (Snapshot, error)
	// Live reads the live leases without writing anything (no SCAVENGE).
	Live(ctx context.Context) ([]lease.Lease, error)
	// Fences reads the live leases with their fencing generations,
	// without writing anything: a grant's generation as CommitGrant
	// returned it, for as long as the lease is live.
	Fences(ctx context.Context) ([]Fence, error)
	// CommitGrant writes l and e (its ACQUIRE record) if nothing was
	// granted since tok was read; ok is false (and nothing is written)
	// otherwise.
	CommitGrant(ctx context.Context, tok Token, l lease.Lease, e lease.Entry) (g Grant, ok bool, err error)
	// Append writes events that change no lease (REFUSE, HALT, ...), each
	// a lease.Entry or a map[string]any record, and returns the sequence
	// of the write.
	Append(ctx context.Context, recs ...any) (seq int64, err error)
	// Release ends the live lease id held by owner and writes e (its
	// RELEASE record); false when no such lease is live.
	Release(ctx context.Context, id, owner string, e lease.Entry) (bool, error)
	// Heartbeat extends the live lease id held by owner; false when the
	// lease is no longer live (the holder lost it and must stop writing).
	Heartbeat(ctx context.Context, id, owner string) (bool, error)
	// Events returns every retained event in write order, Seq set.
	Events(ctx context.Context) ([]lease.Record, error)
	// Tail returns the journal's newest n records (every one for n <= 0),
	// oldest first, each as stored. It writes nothing.
	Tail(ctx context.Context, n int) ([]Event, error)
	// Replay folds the journal without applying expiry. It writes nothing.
	Replay(ctx context.Context) (Replay, error)
	// Seq is the journal's high-water mark: the largest seq recorded
	// (a compaction's watermark included); it never goes backwards, and
	// a record written later gets a larger one. 0 for an empty journal.
	Seq(ctx context.Context) (int64, error)
	// Compact folds all but the newest opts.Keep records into one
	// CHECKPOINT record (the live set and the fencing generations), so
	// the fold is unchanged and seq never goes backwards.
	Compact(ctx context.Context, opts CompactOptions) (CompactResult, error)
	// Export is the journal as another store needs it to go on: every
	// record (Tail with n 0), then, where leases are renewed outside the
	// journal (etcd keep-alives), one HEARTBEAT per live lease stamped
	// with its last renewal, so the expiry rule read over the export keeps
	// each lease as long as this store would. It writes nothing.
	Export(ctx context.Context) ([]Event, error)
	// Source names where the journal lives: a file path, or "etcd", the
	// endpoints and the key prefix.
	Source() string
	// Import appends an export's records (renumbered) and makes the
	// leases still live at in.Now live here. It refuses (Blocking set,
	// nothing written) while the target holds live leases, unless
	// in.Force; an import already applied is recognised and not repeated.
	Import(ctx context.Context, in ImportInput) (ImportResult, error)
	// AllocID returns the next id of scope: start when none was
	// allocated, else the last plus one.
	AllocID(ctx context.Context, scope string, start int64) (int64, error)
	// PeekID returns the last id allocated in scope; ok is false when none
	// was.
	PeekID(ctx context.Context, scope string) (id int64, ok bool, err error)
	// LockArchive takes the archive lock for owner, held at most ttl
	// unless renewed by a live process, waiting as long as ctx allows.
	LockArchive(ctx context.Context, owner string, ttl time.Duration) (ArchiveLock, error)
	// ArchiveHolder names the archive lock's holder; ok is false when it
	// is free.
	ArchiveHolder(ctx context.Context) (owner string, ok bool, err error)
	// TryArchive makes one attempt to take the archive lock for owner
	// (pid stamped on it) and keep it after this process ends, until it
	// is released or ttl passes: it is taken when free, refreshed when
	// owner holds it, and otherwise left alone (lease.ArchiveBusy). The
	// file store steals a lock older than ttl; on etcd a lock's own TTL
	// is enforced by the server, so a held lock is never stolen.
	TryArchive(ctx context.Context, owner string, pid int, ttl time.Duration) (ArchiveTry, error)
	// ReleaseArchive removes the archive lock when owner holds it (or
	// whoever holds it, with force).
	ReleaseArchive(ctx context.Context, owner string, force bool) (ArchiveRelease, error)
	// ReadArchive reads the archive lock; ok is false when it is free.
	ReadArchive(ctx context.Context) (h ArchiveHold, ok bool, err error)
	// Close releases the backend's connections.
	Close() error
}

// ErrUnavailable marks a backend that could not be reached or did not
// answer in time: acquire fails closed (exit 4, never a grant).
var ErrUnavailable = errors.New("lease store unavailable")

// ErrBusy marks a grant that lost the compare-and-swap race on every
// retry (LOCK_BUSY, exit 4).
var ErrBusy = errors.New("lease store busy: every grant attempt lost a race")

// Down reports whether err means the shared store did not answer or lost
// every race: a verb then answers LOCK_BUSY (exit 4) with nothing written.
func Down(err error) bool { return errors.Is(err, ErrUnavailable) || errors.Is(err, ErrBusy) }

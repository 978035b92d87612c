// Package filestore is the file-journal backend of store.Store: the lane
// journal (.dos/lane-journal.jsonl) with its flock, the id-alloc counter
// files and the archive lock file, unchanged in format. It serves one
// machine; a fleet uses etcdstore.
//
// Its compare-and-swap token is the fold's fencing-generation counter
// (one more per grant): a grant commits under the journal lock only if no
// grant was journaled since the snapshot was read.
package filestore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/idalloc"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/lock"
	"github.com/dispatchos/dos/state/store"
)

// Store is a store.Store on local files.
type Store struct {
	J *journal.Journal
	// Expiry decides which live leases have expired (by this host's clock).
	Expiry lease.Policy
	// Wait bounds the wait for the journal lock.
	Wait time.Duration
	// HostID is stamped on the SCAVENGE and HEARTBEAT records written.
	HostID string
	// IDs is the id-alloc directory; Archive the archive lock.
	IDs     idalloc.Allocator
	Archive lock.Archive
	// Now is the clock (time.Now when nil).
	Now func() time.Time
}

var _ store.Store = (*Store)(nil)

func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// lockErr names err, from a journal operation under its lock, as the
// lane journal's; a lock still busy after the wait is [store.ErrBusy].
func lockErr(err error) error {
	if errors.Is(err, lock.ErrBusy) {
		return fmt.Errorf("lane journal: %w: %w", store.ErrBusy, err)
	}
	return fmt.Errorf("lane journal: %w", err)
}

// session takes the journal lock and folds; when scavenge is set it first
// journals every expired lease (one SCAVENGE each) and returns the rest.
func (s *Store) session(ctx context.Context, scavenge bool) (*journal.Tx, []lease.Lease, []lease.Lease, error) {
	tx, err := s.J.Begin(ctx, s.Wait, s.now())
	if err != nil {
		return nil, nil, nil, lockErr(err)
	}
	live := tx.Live()
	if !scavenge {
		return tx, live, nil, nil
	}
	live, expired := s.Expiry.Split(live, tx.Now)
	if len(expired) > 0 {
		if _, err := tx.AppendEntries(lease.Scavenges(expired, s.HostID)...); err != nil {
			tx.Close()
			return nil, nil, nil, fmt.Errorf("journal write failed while recording expired leases: %w", err)
		}
	}
	return tx, live, expired, nil
}

// Snapshot journals the expired leases' SCAVENGE records and returns the
// live set with the fencing counter as the token.
func (s *Store) Snapshot(ctx context.Context) (store.Snapshot, error) {
	tx, live, reaped, err := s.session(ctx, true)
	if err != nil {
		return store.Snapshot{}, err
	}
	defer tx.Close()
	return store.Snapshot{Live: live, Token: tx.Fold.State.Counter, Reaped: reaped}, nil
}

// Live folds the journal without locking and drops the expired leases.
func (s *Store) Live(context.Context) ([]lease.Lease, error) {
	rp, err := s.J.Replay()
	if err != nil {
		return nil, err
	}
	live, _ := s.Expiry.Split(rp.State.Live(), s.now())
	return live, nil
}

// Fences folds the journal without locking and pairs each unexpired live
// lease with its fold generation (one more per ACQUIRE, carried across
// compaction by the checkpoint's watermark).
func (s *Store) Fences(context.Context) ([]store.Fence, error) {
	rp, err := s.J.Replay()
	if err != nil {
		return nil, err
	}
	live, _ := s.Expiry.Split(rp.State.Live(), s.now())
	out := make([]store.Fence, 0, len(live))
	for _, l := range live {
		gen, _ := rp.State.Generation(l.ID())
		out = append(out, store.Fence{Lease: l, Generation: gen})
	}
	return out, nil
}

// CommitGrant appends e under the lock if the fencing counter is still
// tok; gen is the lease's fencing generation.
func (s *Store) CommitGrant(ctx context.Context, tok store.Token, l lease.Lease, e lease.Entry) (store.Grant, bool, error) {
	seen, ok := tok.(int64)
	if !ok {
		return store.Grant{}, false, fmt.Errorf("file store: foreign CAS token %T", tok)
	}
	tx, _, _, err := s.session(ctx, false)
	if err != nil {
		return store.Grant{}, false, err
	}
	defer tx.Close()
	if tx.Fold.State.Counter != seen {
		return store.Grant{}, false, nil
	}
	recs, err := tx.AppendEntries(e)
	if err != nil {
		return store.Grant{}, false, fmt.Errorf("journal write failed, lane not granted: %w", err)
	}
	gen, _ := tx.Fold.State.Generation(l.ID())
	return store.Grant{Generation: gen, Seq: recs[0].Seq}, true, nil
}

// Append writes recs (lease.Entry or map records) under the lock.
func (s *Store) Append(ctx context.Context, recs ...any) (int64, error) {
	tx, _, _, err := s.session(ctx, false)
	if err != nil {
		return 0, err
	}
	defer tx.Close()
	var seq int64
	for _, r := range recs {
		var out []lease.Record
		switch r := r.(type) {
		case lease.Entry:
			out, err = tx.AppendEntries(r)
		case map[string]any:
			out, err = tx.Append(r)
		default:
			err = fmt.Errorf("file store: cannot journal a %T", r)
		}
		if err != nil {
			return seq, err
		}
		seq = out[len(out)-1].Seq
	}
	return seq, nil
}

// find is the live lease id held by owner.
func find(live []lease.Lease, id, owner string) (lease.Lease, bool) {
	for _, l := range live {
		if l.LeaseID == id && l.Holder == owner {
			return l, true
		}
	}
	return lease.Lease{}, false
}

// Release appends e if lease id is live and held by owner.
func (s *Store) Release(ctx context.Context, id, owner string, e lease.Entry) (bool, error) {
	tx, live, _, err := s.session(ctx, false)
	if err != nil {
		return false, err
	}
	defer tx.Close()
	if _, ok := find(live, id, owner); !ok {
		return false, nil
	}
	if _, err := tx.AppendEntries(e); err != nil {
		return false, err
	}
	return true, nil
}

// Heartbeat appends a HEARTBEAT for lease id if it is live (expired ones
// are scavenged first, and a beat never resurrects them).
func (s *Store) Heartbeat(ctx context.Context, id, owner string) (bool, error) {
	tx, live, _, err := s.session(ctx, true)
	if err != nil {
		return false, err
	}
	defer tx.Close()
	l, ok := find(live, id, owner)
	if !ok {
		return false, nil
	}
	if _, err := tx.AppendEntries(lease.HeartbeatOf(l, s.HostID, tx.Now)); err != nil {
		return false, err
	}
	return true, nil
}

// Events reads every record of the journal in file order.
func (s *Store) Events(ctx context.Context) ([]lease.Record, error) {
	lines, _, err := s.J.Lines()
	if err != nil {
		return nil, err
	}
	out := make([]lease.Record, 0, len(lines))
	for _, l := range lines {
		out = append(out, l.Record)
	}
	return out, nil
}

// AllocID allocates through the id-alloc counter files.
func (s *Store) AllocID(ctx context.Context, scope string, start int64) (int64, error) {
	return s.IDs.Allocate(ctx, scope, start)
}

// PeekID reads a scope's counter file.
func (s *Store) PeekID(_ context.Context, scope string) (int64, bool, error) {
	return s.IDs.Peek(scope)
}

// archiveLock is a held archive lock file.
type archiveLock struct {
	a     lock.Archive
	owner string
}

// Unlock removes the lock file if owner still holds it.
func (h archiveLock) Unlock(ctx context.Context) error {
	_, _, _, err := h.a.Release(ctx, h.owner, false)
	return err
}

// LockArchive tries the archive lock every 50ms until it is taken or ctx
// ends; a lock older than ttl is stolen.
func (s *Store) LockArchive(ctx context.Context, owner string, ttl time.Duration) (store.ArchiveLock, error) {
	for {
		now := s.now()
		at, err := s.Archive.Try(ctx, lock.Body{Owner: owner, AcquiredAt: lease.FormatStamp(now), PID: os.Getpid()}, ttl, now)
		if err != nil {
			return nil, err
		}
		if at.Action != lease.ArchiveBusy {
			return archiveLock{a: s.Archive, owner: owner}, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("archive lock held by %s: %w", at.Prev.Owner, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// ArchiveHolder reads the archive lock file.
func (s *Store) ArchiveHolder(context.Context) (string, bool, error) {
	h, ok, err := s.Archive.Read()
	return h.Owner, ok, err
}

// hold is the store form of a lock file found at now.
func hold(h lock.Holder, now time.Time) store.ArchiveHold {
	age, known := h.Age(now)
	return store.ArchiveHold{Owner: h.Owner, AcquiredAt: h.AcquiredAt, PID: h.PID, Age: age, AgeKnown: known}
}

// TryArchive makes one lock.Archive.Try.
func (s *Store) TryArchive(ctx context.Context, owner string, pid int, ttl time.Duration) (store.ArchiveTry, error) {
	now := s.now()
	at, err := s.Archive.Try(ctx, lock.Body{Owner: owner, AcquiredAt: lease.FormatStamp(now), PID: pid}, ttl, now)
	if err != nil {
		return store.ArchiveTry{}, err
	}
	return store.ArchiveTry{Action: at.Action, Prev: hold(at.Prev, now), Held: at.Held}, nil
}

// ReleaseArchive makes one lock.Archive.Release.
func (s *Store) ReleaseArchive(ctx context.Context, owner string, force bool) (store.ArchiveRelease, error) {
	h, held, removed, err := s.Archive.Release(ctx, owner, force)
	return store.ArchiveRelease{Prev: hold(h, s.now()), Held: held, Removed: removed}, err
}

// ReadArchive reads the lock file.
func (s *Store) ReadArchive(context.Context) (store.ArchiveHold, bool, error) {
	h, ok, err := s.Archive.Read()
	return hold(h, s.now()), ok, err
}

// Close does nothing: files are opened per operation.
func (s *Store) Close() error { return nil }

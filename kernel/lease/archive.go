package lease

import "time"

// ArchiveAction is what an archive-lock acquire does with the lock it
// found. The words are the outcome words the verb prints.
type ArchiveAction string

// The archive-lock actions.
const (
	// ArchiveAcquire creates the lock: there was none.
	ArchiveAcquire ArchiveAction = "acquired"
	// ArchiveReenter refreshes the caller's own lock.
	ArchiveReenter ArchiveAction = "re-entrant"
	// ArchiveSteal replaces a lock older than the ttl.
	ArchiveSteal ArchiveAction = "stole-stale"
	// ArchiveBusy leaves a fresh lock held by someone else.
	ArchiveBusy ArchiveAction = "busy"
)

// DecideArchive decides an archive-lock acquire by owner: no lock is
// acquired; the caller's own lock is re-entered; a lock older than ttl is
// stolen; anything else is busy. age is the lock's age (by its stamp, or
// by its file time when the stamp cannot be read, so no lock is fresh
// forever).
func DecideArchive(held bool, holder, owner string, age, ttl time.Duration) ArchiveAction {
	switch {
	case !held:
		return ArchiveAcquire
	case holder == owner:
		return ArchiveReenter
	case age > ttl:
		return ArchiveSteal
	}
	return ArchiveBusy
}

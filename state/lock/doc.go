// Package lock holds dos's cross-process file mutexes.
//
// [Flock] is an OS advisory lock (flock(2) on unix, LockFileEx on
// Windows) on a stable file: it dies with the process that holds it, so a
// crashed holder never locks anyone out, and every acquisition is its own
// identity (never re-entrant across processes or file descriptors). The
// lane journal, the id allocator and the archive lock's guard use it.
//
// [Excl] is the reference's portable protocol: a lock file created
// exclusively holding a small "key: value" body, with a value-keyed stale
// steal. dos only publishes a complete body (written aside, fsynced, then
// hard-linked into place), so a SIGKILL at any moment never leaves an
// empty lock. Two things use it: the archive lock ([Archive], "dos lease",
// whose owner-keyed re-entrancy and ttl steal are that verb's contract,
// every change made under a guard flock), and the reference's lane-lease
// lock ([HoldExcl]), which dos takes inside its own journal flock so that
// dos and the Python reference exclude each other on a shared journal.
//
// Lock files are opened without following symlinks (package safefile).
package lock

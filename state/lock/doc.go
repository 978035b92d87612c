// Package lock holds dos's cross-process file mutexes.
//
// [Flock] is an OS advisory lock (flock(2)) on a stable file: it dies with
// the process that holds it, so a crashed holder never locks anyone out,
// and every acquisition is its own identity (never re-entrant across
// processes or file descriptors). The lane journal and the id allocator
// use it.
//
// [Excl] is the reference's portable protocol: a lock file created with
// O_EXCL holding a small "key: value" body, with a value-keyed stale steal.
// The archive lock ("dos lease") uses it, because its owner-keyed
// re-entrancy and ttl steal are part of that verb's contract.
package lock

// Package journal is the lane write-ahead log: an append-only JSON Lines
// file of lease records, in the reference's on-disk format.
//
// Writers take the stable lock file (a sibling lane-journal.lock, never the
// journal itself, which compaction renames) through [Journal.Begin], then,
// inside it, the reference tool's .lane-lease.lock by its create-exclusive
// protocol (so a Python agent on the same journal is excluded too), fold
// the journal inside the locks, and append with one O_APPEND write followed
// by fsync. seq is the maximum over the whole file (CHECKPOINT watermarks
// included) plus one.
//
// Readers never lock. They split on '\n' only, with bounded memory (a line
// longer than [MaxLine] is digested as it streams, never held), skip an
// unparseable final line (a crash mid-append), report earlier unparseable
// lines as bounded [Skipped] records (_CORRUPT sentinels in the record
// stream), and may start from a fold cache (a snapshot of the fold at a
// known byte offset, validated by file identity and the bytes around the
// offset) so replay stays fast on long journals. Only writers refresh the
// cache, under the lock; readers write nothing. No state file is opened
// through a symlink.
package journal

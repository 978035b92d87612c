// Package safefile opens dos's own state files (the lane journal, its lock
// files, the compaction temp, the fold cache, the archive lock, the id
// counters) without following a symbolic link at the last element of the
// path. A state file that is a symlink is refused with a [SymlinkError]:
// following it would let a link planted under .dos/ make dos append lease
// records to, or truncate, a file outside the workspace.
//
// On unix the refusal is the kernel's (O_NOFOLLOW); elsewhere it is an
// Lstat check before and after the open.
package safefile

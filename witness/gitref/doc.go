// Package gitref reads a repository's refs from its files: HEAD, loose
// refs, packed-refs, symbolic refs and the gitdir/commondir links of
// linked worktrees. It opens no object and starts no process, so the warm
// verify path can learn which commit it answers for in a few file reads.
//
// What the files cannot settle (a hash, an ancestry step such as HEAD~2,
// an annotated tag without a peeled line, the reftable format) is reported
// as [ErrNeedsObjects]; the caller then asks the object database or the
// git program. [ParseRev] splits the revision grammar both of those read.
package gitref

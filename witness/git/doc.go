// Package git reads evidence from a git repository: refs, commits, their
// ancestry and diffs. It never writes to the repository or the work tree.
//
// Repository access goes through go-git. The one bulk history walk that
// builds the verify index may run the git program instead (it is several
// times faster on large histories); the warm verify path never spawns a
// process.
package git

// Package gitlog asks the git program about history: the one bulk log
// walk that builds the verify index, ancestry between two commits, the
// paths a commit changed, and revisions the ref files cannot settle.
//
// It links no git library: each question is a git process (the footprint
// reader keeps one alive while it is being asked). The warm verify path
// asks none of them, so it spawns nothing.
package gitlog

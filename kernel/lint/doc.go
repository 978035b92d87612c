// Package lint finds dead or contradictory policy in a workspace's
// configuration: lanes that can never be granted, aliases and reasons that
// point nowhere, plan numbers used twice, rungs that are configured but
// do not exist in this build, lane trees that leave the repository or go
// through a symbolic link, lane names that differ only in case, and parts
// of dos.toml that could not be read at all (the verbs run on defaults
// there; lint fails).
//
// It is pure: the caller hands in an [Input] (the lane taxonomy with the
// trees it resolved through the file system, the declared reasons, the
// plan file names it globbed, the configured rung names, the parts of the
// file that did not load) and gets back sorted [Finding] values. It reads no file, no git
// and no clock. [Gating] says which findings fail a run.
//
// The package also holds the ship-shaped heuristic doctor uses for its
// verifiability headline ([Verifiability]); it is a loose probe, not the
// verify grammar.
package lint

// Package lint finds dead or contradictory policy in a workspace's
// configuration: lanes that can never be granted, aliases and reasons that
// point nowhere, plan numbers used twice, and rungs that are configured but
// do not exist in this build.
//
// It is pure: the caller hands in an [Input] (the lane taxonomy, the
// declared reasons, the plan file names it globbed, the configured rung
// names) and gets back sorted [Finding] values. It reads no file, no git
// and no clock. [Gating] says which findings fail a run.
//
// The package also holds the ship-shaped heuristic doctor uses for its
// verifiability headline ([Verifiability]); it is a loose probe, not the
// verify grammar.
package lint

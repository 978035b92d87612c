// Package truth is the one verify code path. The verify verb, dos plan, the
// MCP tool and the stop hook all open a [Reader] on a workspace and ask it
// whether (plan, phase) shipped, so they cannot disagree.
//
// A Reader gathers the evidence once: the run registry and soak index, the
// verified ref (read from the ref files on the warm path, from git
// rev-parse when they cannot settle it) and the history index of
// state/verifyindex. It links no git library: the cold path and uncached
// footprints ask the git program (witness/gitlog). Each question then
// goes to the pure decider in kernel/oracle, and a ship is finally bound by
// the workspace's acceptance command when dos.toml configures one.
package truth

// Package workspace finds the directory dos works on and loads its dos.toml.
//
// Resolution order: an explicit --workspace, then $DISPATCH_WORKSPACE, then
// the working directory. From there it derives two roots. The state root
// holds dos.toml and .dos/: for a git repository it is the main worktree's
// root, so agents in subdirectories and linked worktrees share one journal;
// outside git it is the nearest directory above holding dos.toml or .dos/,
// else the directory itself. The checkout root is the worktree the command
// runs in: verify reads its HEAD and hooks make paths relative to it.
//
// Finding the roots reads a few small files and spawns no process, so the
// hook binary can use it.
package workspace

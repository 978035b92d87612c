// Package install writes dos's hooks into the configuration files the agent
// hosts read (Claude Code, Cursor, Codex CLI, Gemini CLI, Antigravity), and
// takes them out again.
//
// # What it decides
//
// For each host, [Spec] says which file it reads at project level and at
// user level, which events dos wires and with which hook verb, and the shape
// of one entry. [PlanInstall] and [PlanRemove] are pure: they take the bytes
// of a file (and of its backup, if any) and return the bytes to write. The
// file I/O lives at the edge, in [Install] and [Remove].
//
// # Rules
//
//   - Never clobber. JSON files are edited as JSON with comments and trailing
//     commas (github.com/tailscale/hujson keeps every byte that is not ours);
//     a file that does not parse, or whose hooks key holds something other
//     than an object, is refused, not rewritten. Codex's config.toml is
//     edited as text (a fenced block appended), because no TOML library keeps
//     comments; go-toml parses the result before it is written.
//   - A backup of a file that existed is written once, beside it, as
//     <file>.dos-backup.
//   - Idempotent: a second run finds every entry and writes nothing.
//   - An entry is dos's when its command runs dos-hook <verb> or dos hook
//     <verb> with the verb dos wires for that event; both forms count.
//   - Remove takes exactly those entries out. When nothing but dos's entries
//     changed since the install, the original bytes come back (or the file
//     is deleted when dos created it).
//
// The package never starts a process; host detection looks at directories,
// the PATH and the environment only.
package install

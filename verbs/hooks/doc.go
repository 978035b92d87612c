// Package hooks holds the verbs that sit beside an agent host's hooks
// rather than inside them: exec-capability (does this command line grant
// arbitrary execution?), hook-exit (which intervention does a plain
// script's exit code mean?) and guard (launch a headless host framed with
// dos's MCP server, stop hook and claim prompt).
//
// The decisions are pure (kernel/execcap, kernel/hookexit, kernel/guard);
// these handlers read dos.toml, find the dos binaries and hand the result
// back. guard answers a program to launch; the command line starts it.
package hooks

// Package syscall is the registry of dos syscalls.
//
// Every verb dos offers is one [Def] value in the flat list returned by [All].
// A Def names the verb, declares its typed arguments (struct tags drive both
// the CLI flags and the MCP input schema), its verdict words with their exit
// codes, whether it writes, and the handler that gathers evidence, asks the
// kernel and persists what the kernel decided. Surfaces (surface/cli, the MCP
// server, the hook binary) adapt these definitions and never decide anything
// themselves, so a verdict cannot differ between surfaces.
//
// This package never parses flags, touches os.Args or calls os.Exit.
package call

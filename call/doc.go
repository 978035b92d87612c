// Package call is the framework every dos syscall is defined with.
//
// Every verb dos offers is one [Def] value (the verbs live in verbs/, and
// verbs.All lists them). A Def names the verb, declares its typed arguments
// (struct tags drive both the CLI flags and the MCP input schema), its
// verdict words with their exit codes, whether it writes, and its [Typed]
// handler, which gathers evidence, asks the kernel and persists what the
// kernel decided. A Def is static data: declaring one costs a process
// nothing at start-up. Surfaces (surface/cli, the MCP server, the hook
// binary) adapt these definitions and never decide anything themselves, so
// a verdict cannot differ between surfaces.
//
// This package never parses flags, touches os.Args or calls os.Exit.
package call

// Package cli adapts the syscall registry to a cobra command line.
//
// Each [call.Def] becomes one command whose flags and positionals are
// derived from its argument struct. The adapter prints the verdict line (or
// --json object) to stdout, diagnostics to stderr, and maps errors to exit
// codes in one place: a usage or workspace error is "dos: error: ..." and
// exit 2; a negative verdict is a result with its own exit code.
package cli

// Package execcap decides whether a shell command line grants arbitrary
// code execution: whether any program it starts (an interpreter, a
// package runner, a shell, eval, sudo, ssh...) runs code that the line
// itself does not spell out. It reads the program names only, through
// the shell reader of [github.com/dispatchos/dos/kernel/hook], never by
// searching the text for a substring: "cat eval.txt" starts cat.
//
// It is pure: a command line and the extra program names in, a verdict
// out. It runs nothing and reads no file; the caller brings dos.toml's
// [exec_capability] extra and the --extra flag.
package execcap

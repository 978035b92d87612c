// Package spawn starts worker processes on dos's behalf: the one place dos
// launches a program it does not wait for. A worker runs detached in its
// own process group, with standard input closed and its output appended to
// a log file, so it outlives the dos process that started it.
package spawn

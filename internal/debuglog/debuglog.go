// Package debuglog is the sink the verify path writes its debug lines to.
// It holds no logging library: the CLI and the MCP server adapt their own
// logger to it, so the hook binary, which logs nothing, links none (a
// logging library pulls in package net, whose start-up every hook call
// would pay).
package debuglog

// Logger takes one debug line: a message and key/value pairs (string
// keys; values such as strings, numbers, durations and errors). The nil
// Logger is off and costs a nil check.
type Logger func(msg string, kv ...any)

// On reports whether l writes anything; callers check it before they
// gather fields that cost something.
func (l Logger) On() bool { return l != nil }

// Debug writes one line when l is on.
func (l Logger) Debug(msg string, kv ...any) {
	if l != nil {
		l(msg, kv...)
	}
}

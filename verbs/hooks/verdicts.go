package hooks

import "github.com/dispatchos/dos/call"

// The verdicts of exec-capability and hook-exit, each declared once.
var (
	// Bounded: no program of the command grants arbitrary execution (exit 0).
	Bounded = call.NewVerdict("BOUNDED", 0)
	// Empty: the command starts no program (exit 0).
	Empty = call.NewVerdict("EMPTY", 0)
	// Grants: some program of the command grants arbitrary execution (exit 3).
	Grants = call.NewVerdict("GRANTS_ARBITRARY_EXEC", 3)

	// Pass: the script passed (exit 0).
	Pass = call.NewVerdict("PASS", 0)
	// Block: the exit code means block the action (exit 3).
	Block = call.NewVerdict("BLOCK", 3)
	// Warn: the exit code means warn and go on (exit 4).
	Warn = call.NewVerdict("WARN", 4)
	// Defer: the exit code means ask a person (exit 5).
	Defer = call.NewVerdict("DEFER", 5)
	// Observe: the exit code means record it and go on (exit 6).
	Observe = call.NewVerdict("OBSERVE", 6)
)

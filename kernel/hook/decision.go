package hook

import "fmt"

// Action is what a hook tells the host to do.
type Action int

// The actions. At the stop moment Deny means "block the stop": the agent
// is sent back to work with the reason.
const (
	// Allow lets the call (or the stop) proceed; most hosts get no output.
	Allow Action = iota
	// Warn lets it proceed and hands the agent a context line.
	Warn
	// Deny refuses the call, or blocks the stop.
	Deny
)

var actionNames = [...]string{"allow", "warn", "deny"}

// String returns the action's name.
func (a Action) String() string {
	if a < 0 || int(a) >= len(actionNames) {
		return fmt.Sprintf("action(%d)", int(a))
	}
	return actionNames[a]
}

// MarshalText renders the action as its name.
func (a Action) MarshalText() ([]byte, error) { return []byte(a.String()), nil }

// Rung names the check that produced a decision.
type Rung string

// The rungs.
const (
	RungNone       Rung = ""
	RungAdmission  Rung = "admission"
	RungToolStream Rung = "tool-stream"
	RungVerify     Rung = "verify"
	RungMarker     Rung = "marker"
)

// Decision is a hook's answer, before any host renders it.
type Decision struct {
	// Action is allow, warn or deny.
	Action Action `json:"action"`
	// Reason says why, for a deny (the host shows it to the agent as the
	// refusal) and in the journal.
	Reason string `json:"reason,omitempty"`
	// Context is the line handed to the agent on a warn (and added to a
	// deny where the host has a place for it).
	Context string `json:"context,omitempty"`
	// Class is the reason class from the refusal registry (SELF_MODIFY,
	// OVERLAP, EXACT_GLOB, EMPTY_TREE); empty when none applies.
	Class string `json:"reason_class,omitempty"`
	// Rung is the check that decided.
	Rung Rung `json:"rung,omitempty"`
}

// Allowed is the decision that lets everything through silently.
var Allowed = Decision{Action: Allow}

// Speaks reports whether the decision has something to tell the host.
func (d Decision) Speaks() bool { return d.Action != Allow }

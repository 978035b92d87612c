package setup

import "github.com/dispatchos/dos/call"

// The verdicts of the setup verbs, each declared once. The lower-case words
// are the reference's.
var (
	// Written: init wrote dos.toml (exit 0).
	Written = call.NewVerdict("written", 0)
	// Exists: init found a dos.toml and left it alone (exit 1).
	Exists = call.NewVerdict("exists", 1)
	// NoHost: init --hooks auto found no agent host to wire (exit 1).
	NoHost = call.NewVerdict("no_host", 1)
	// Pass: lint found nothing that fails (exit 0).
	Pass = call.NewVerdict("pass", 0)
	// Fail: lint found an error (exit 1).
	Fail = call.NewVerdict("fail", 1)
	// Healthy: doctor read the workspace (exit 0).
	Healthy = call.NewVerdict("ok", 0)
	// Findings: doctor --check found problems that gate (exit 1).
	Findings = call.NewVerdict("findings", 1)
	// QuickstartOK: the quickstart ran through (exit 0).
	QuickstartOK = call.NewVerdict("OK", 0)
)

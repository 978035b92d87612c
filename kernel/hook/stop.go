package hook

import (
	"fmt"
	"strings"
)

// ClaimCheck is one claim with the verify verdict the caller got for it
// (through the one verify code path).
type ClaimCheck struct {
	Claim Claim
	// Shipped is the verdict.
	Shipped bool
	// Line is the verdict's one-line text ("NOT_SHIPPED AUTH AUTH1 (via
	// none)").
	Line string
	// Err is set when the claim could not be verified (an ambiguous plan,
	// no git): such a claim never blocks.
	Err error
}

// StopClaims returns the claims a stop must verify: none when the host
// says a stop hook already blocked this stop once (the agent must be let
// go, or the host loops), else the claims in the agent's last words.
func StopClaims(ev Event, text string, strict bool) []Claim {
	if ev.StopHookActive {
		return nil
	}
	return Claims(text, strict)
}

// Stop blocks the stop when a claim is not backed by git: a marker claim
// always, a plain-words claim only in strict mode. Everything else lets
// the agent stop.
func Stop(checks []ClaimCheck, strict bool) Decision {
	var failed []ClaimCheck
	for _, c := range checks {
		if c.Err != nil || c.Shipped {
			continue
		}
		if c.Claim.Confident || strict {
			failed = append(failed, c)
		}
	}
	if len(failed) == 0 {
		return Allowed
	}
	var said, lines []string
	for _, c := range failed {
		said = append(said, c.Claim.Plan+" "+c.Claim.Phase)
		if c.Line != "" {
			lines = append(lines, c.Line)
		}
	}
	it := "it"
	if len(failed) > 1 {
		it = "them"
	}
	reason := fmt.Sprintf("dos verify: you said %s shipped, but git has no commit that backs %s (%s). "+
		"Land the commit (a subject such as \"%s: what changed\") or correct the claim before you stop.",
		strings.Join(said, "; "), it, strings.Join(lines, "; "), failed[0].Claim.Phase)
	return Decision{Action: Deny, Rung: RungVerify, Reason: reason}
}

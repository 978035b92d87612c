package admission

import (
	"fmt"
	"strings"

	"github.com/dispatchos/dos/kernel/reasons"
)

// Interpret is the one-line gloss of a decision for --explain and MCP. It
// reads only the decided fields. journaled says whether the caller
// recorded the grant (lease-lane acquire) or only asked (arbitrate).
func Interpret(d Decision, journaled bool) string {
	if d.Granted() {
		s := fmt.Sprintf("GO — you may take lane '%s'", d.Lane)
		switch {
		case d.Forced:
			s += " (forced — any overlap with live leases is your responsibility)"
		case d.AutoPicked:
			s += " (auto-picked for you: it is not the lane you named)"
		}
		if journaled {
			return s + "; the lease is journaled — release it when done with dos lease-lane release."
		}
		return s + fmt.Sprintf("; it is free of every live lease. Nothing was journaled: to hold it run dos lease-lane acquire --lane %s --owner <id>.", d.Lane)
	}
	if d.ReasonClass == reasons.UnknownLane {
		return fmt.Sprintf("STOP — unknown lane; choose one of: %s.", strings.Join(d.KnownLanes, ", "))
	}
	s := fmt.Sprintf("STOP — do not start this work (%s).", d.ReasonClass)
	if len(d.FreeLanes) > 0 {
		return s + fmt.Sprintf(" Free lanes you could take instead: %s (ask for one by name, or pass --auto).", strings.Join(d.FreeLanes, ", "))
	}
	if d.FreeLanes != nil {
		return s + " No free lane now; wait for a lease to be released, then retry."
	}
	if len(d.FreeClusters) > 0 {
		return s + fmt.Sprintf(" Free lanes you could take instead: %s.", strings.Join(d.FreeClusters, ", "))
	}
	return s + " No free lane now; wait for a lease to be released, then retry."
}

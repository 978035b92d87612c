package ship

import "github.com/dispatchos/dos/call"

// The verdicts of the truth verbs, each declared once.
var (
	// Shipped: git backs the claim (exit 0).
	Shipped = call.NewVerdict("SHIPPED", 0)
	// NotShipped: nothing in git backs the claim (exit 1).
	NotShipped = call.NewVerdict("NOT_SHIPPED", 1)
	// Clean: every audited subject is backed by its diff (exit 0).
	Clean = call.NewVerdict("CLEAN", 0)
	// Warned: unwitnessed claims found, reported without failing (exit 0).
	Warned = call.NewVerdict("WARNED", 0)
	// Unwitnessed: a subject claims what its diff does not show (exit 1).
	Unwitnessed = call.NewVerdict("UNWITNESSED", 1)
)

// verdictOf is the declared verdict of an oracle answer.
func verdictOf(shipped bool) call.Verdict {
	if shipped {
		return Shipped
	}
	return NotShipped
}

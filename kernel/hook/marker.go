package hook

import (
	"fmt"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
)

// The marker tally's schema tag and operations.
const (
	MarkerFamily  = "wait-marker"
	MarkerVersion = 1
	OpMarker      = "MARKER"
	OpReset       = "RESET"
)

// DefaultMaxMarkers is the keep-alive budget when nothing sets one.
const DefaultMaxMarkers = 4

// MarkerRecord is one line of .dos/markers/<session>.jsonl.
type MarkerRecord struct {
	Op     string `json:"op"`
	Reason string `json:"reason"`
	RunID  string `json:"run_id,omitempty"`
	Schema Schema `json:"schema"`
	TS     string `json:"ts"`
}

// Readable reports whether this reader understands the record.
func (r MarkerRecord) Readable() bool {
	if r.Schema.Family == "" && r.Schema.Version == 0 {
		return true
	}
	return r.Schema.Family == MarkerFamily && r.Schema.Version <= MarkerVersion
}

// MarkerCount counts the markers since the last reset.
func MarkerCount(recs []MarkerRecord) int {
	n := 0
	for _, r := range recs {
		if !r.Readable() {
			continue
		}
		switch r.Op {
		case OpMarker:
			n++
		case OpReset:
			n = 0
		}
	}
	return n
}

// MarkerArmed reports whether the keep-alive marker runs: never on a stop
// a stop hook already held (when respectActive), else in a loop session.
func MarkerArmed(ev Event, loop, respectActive bool) bool {
	if respectActive && ev.StopHookActive {
		return false
	}
	return loop
}

// MarkerOutcome is the budget's answer.
type MarkerOutcome struct {
	// Hold is true when the turn is held open (the stop is blocked).
	Hold bool
	// Carry is the count after this call.
	Carry  int
	Reason string
	// Decision blocks the stop when Hold.
	Decision Decision
	// Append is the MARKER record to write when Hold.
	Append *MarkerRecord
}

// Marker spends one unit of the keep-alive budget: while prior < max the
// stop is blocked to hold a waiting turn open; once spent, the agent may
// stop. A max below 1 is the default budget.
func Marker(prior, max int, now time.Time, runID string) MarkerOutcome {
	if max < 1 {
		max = DefaultMaxMarkers
	}
	if prior >= max {
		return MarkerOutcome{Carry: prior, Decision: Allowed,
			Reason: fmt.Sprintf("wait-marker budget spent (%d/%d): each further hold replays the whole context for no work; end the turn and let the task's notification wake you", prior, max)}
	}
	reason := fmt.Sprintf("wait-marker %d/%d — turn held open", prior+1, max)
	rec := &MarkerRecord{Op: OpMarker, Reason: reason, RunID: runID,
		Schema: Schema{Family: MarkerFamily, Version: MarkerVersion}, TS: lease.FormatStamp(now)}
	return MarkerOutcome{Hold: true, Carry: prior + 1, Reason: reason, Append: rec,
		Decision: Decision{Action: Deny, Rung: RungMarker,
			Reason: "dos keep-alive: " + reason + ". Keep waiting for the background task's completion signal instead of polling it; " +
				"once the budget is spent this hold is withdrawn and you should end the turn."}}
}

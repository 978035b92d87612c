package store

import (
	"encoding/json"
	"errors"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
)

// Event is one journal record as a backend holds it.
type Event struct {
	// Record is the decoded record, Seq set (a CHECKPOINT has none).
	Record lease.Record
	// Line is the record as one JSON object in the lane journal's line
	// format: a file journal's line as written (a line that is not a
	// record shows as its _CORRUPT sentinel), or an etcd event's value
	// with its revision as seq.
	Line json.RawMessage
}

// Replay is the fold of a backend's journal as read at one moment, with
// no expiry applied: what the journal itself says is held.
type Replay struct {
	// Live holds the leases live by the journal's structure, in
	// first-acquired order.
	Live []lease.Lease
	// Generations is the fencing generation of each live lease.
	Generations []lease.Generation
	// Seq is the journal's high-water mark (see [Store.Seq]).
	Seq int64
	// Records counts the records folded.
	Records int
	// Skipped lists the lines of a file journal that are not records;
	// Torn is its unfinished final line. An etcd journal has neither.
	Skipped []journal.Skipped
	Torn    *journal.Skipped
}

// CompactOptions say how much of the journal a compaction keeps.
type CompactOptions struct {
	// Keep is how many of the newest records stay as they are after the
	// checkpoint; every older one is folded into it.
	Keep int
	// Archive, when set, is a file on this machine the folded records
	// are appended to (and synced) before they are dropped.
	Archive string
}

// CompactResult is what a compaction did: records before and after, and
// the bytes of journal it freed.
type CompactResult = journal.CompactResult

// ErrNegativeKeep marks a compaction asked to keep a negative number of
// records.
var ErrNegativeKeep = errors.New("compact: keep must be 0 or more")

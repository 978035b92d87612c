package lanes

import (
	"context"
	"fmt"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/store"
)

// JournalReplayArgs takes nothing.
type JournalReplayArgs struct{}

// JournalReplayResult is journal replay's answer: the fold of the lane
// journal, without expiry, and the lines it had to skip.
type JournalReplayResult struct {
	// Leases are live by the journal's structure, in first-acquired order.
	Leases      []lease.Lease      `json:"leases"`
	Generations []lease.Generation `json:"generations"`
	Seq         int64              `json:"seq"`
	Records     int                `json:"records"`
	// Skipped lists the lines that are not JSON objects.
	Skipped []journal.Skipped `json:"skipped"`
	// Torn is an unfinished final line, ignored; null when none.
	Torn *journal.Skipped `json:"torn"`
	// Journal is the journal's path, or "etcd <endpoints> <key prefix>".
	Journal string `json:"journal"`
	// Busy is set when the shared store did not answer, and is then the
	// whole JSON form.
	Busy *LockBusyResult `json:"-"`
}

type journalReplayPlain JournalReplayResult

// MarshalJSON writes the fold, or the LOCK_BUSY body.
func (r JournalReplayResult) MarshalJSON() ([]byte, error) {
	return orBusy(r.Busy, journalReplayPlain(r))
}

// OutputShape says the answer is the fold or the LOCK_BUSY body.
func (JournalReplayResult) OutputShape() call.Shape { return shapeOrBusy[journalReplayPlain]() }

// JournalReplay prints the journal's fold.
var JournalReplay = call.Def{
	Path:  "journal replay",
	Short: "Fold the lane journal into its live leases and report unreadable lines",
	Long: `USE THIS WHEN: you need to see what the lane journal itself says is held, and
which lines it could not read, before trusting or repairing it.

What does the journal say is held? replay folds every record in file order
(ACQUIRE adds, RELEASE and SCAVENGE remove, HEARTBEAT refreshes, CHECKPOINT
resets) and prints the leases that are live by the journal's own structure,
without applying expiry ("lease-lane live" applies it), together with every
line it had to skip: lines that are not JSON objects ("skipped") and a torn
final line ("torn"). A skipped line is reported by its 1-based line number,
byte offset, length, SHA-256 and its first 64 bytes escaped, never whole; each
is also named on stderr.

On an etcd fleet ([fleet] backend = "etcd") the journal is the fleet's event
keys: the checkpoint a compaction left, then every event after it in revision
order; seq is the revision that wrote a record, and a lease's generation is
the revision that created its lease key. A cluster that does not answer is
LOCK_BUSY (exit 4), naming the endpoints.`,
	Example:         "  dos journal replay",
	Toolset:         call.Spine,
	Class:           call.ReadOnly,
	Surfaces:        call.CLI | call.MCP,
	JSONDefault:     true,
	Verdicts:        []*call.Verdict{&LockBusy},
	OptionalVerdict: true,
	Handler: &call.Typed[JournalReplayArgs, JournalReplayResult]{Fn: func(ctx context.Context, env *call.Env, _ *JournalReplayArgs) (*call.Reply[JournalReplayResult], error) {
		rp, src, err := readJournal(env, func(st store.Store) (store.Replay, error) { return st.Replay(ctx) })
		if store.Down(err) {
			return readDown(JournalReplayResult{Busy: downBody("", err)}, err), nil
		}
		if err != nil {
			return nil, err
		}
		live := rp.Live
		if live == nil {
			live = []lease.Lease{}
		}
		gens := rp.Generations
		if gens == nil {
			gens = []lease.Generation{}
		}
		skipped := rp.Skipped
		for _, s := range skipped {
			env.Warn(skippedWarning(s))
		}
		if rp.Torn != nil {
			env.Warn(fmt.Sprintf("dos: warning: journal line %d is a torn final line (an append that never finished); ignored", rp.Torn.Line))
		}
		body := JournalReplayResult{
			Leases: live, Generations: gens, Seq: rp.Seq,
			Records: rp.Records, Skipped: skipped, Torn: rp.Torn, Journal: src,
		}
		if skipped == nil {
			body.Skipped = []journal.Skipped{}
		}
		var b strings.Builder
		fmt.Fprintf(&b, "%d live lease(s), %d record(s), seq %d, %d skipped line(s)", len(live), rp.Records, rp.Seq, len(skipped))
		return &call.Reply[JournalReplayResult]{Body: body, Text: b.String()}, nil
	}},
}

// skippedWarning names a skipped line on one line of stderr: its 1-based
// number, its size when it is long, and its first bytes escaped.
func skippedWarning(s journal.Skipped) string {
	more := ""
	if s.Cut() {
		more = fmt.Sprintf("... (%d bytes)", s.Length)
	}
	if s.WasLine > 0 {
		return fmt.Sprintf("dos: warning: journal line %d records a line compaction could not read (it was line %d): \"%s\"%s", s.Line, s.WasLine, s.Prefix, more)
	}
	return fmt.Sprintf("dos: warning: journal line %d is not a JSON object; skipped: \"%s\"%s", s.Line, s.Prefix, more)
}

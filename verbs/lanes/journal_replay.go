package lanes

import (
	"context"
	"fmt"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
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
	Torn    *journal.Skipped `json:"torn"`
	Journal string           `json:"journal"`
}

// JournalReplay prints the journal's fold.
var JournalReplay = call.New(call.Def{
	Path:  "journal replay",
	Short: "Fold the lane journal into its live leases and report unreadable lines",
	Long: `USE THIS WHEN: you need to see what the lane journal itself says is held, and
which lines it could not read, before trusting or repairing it.

What does the journal say is held? replay folds every record in file order
(ACQUIRE adds, RELEASE and SCAVENGE remove, HEARTBEAT refreshes, CHECKPOINT
resets) and prints the leases that are live by the journal's own structure,
without applying expiry ("lease-lane live" applies it), together with every
line it had to skip: lines that are not JSON objects ("skipped") and a torn
final line ("torn"). Each skipped line is also named on stderr.`,
	Example:     "  dos journal replay",
	Toolset:     call.Spine,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	JSONDefault: true,
}, func(ctx context.Context, env *call.Env, _ *JournalReplayArgs) (*call.Reply[JournalReplayResult], error) {
	sh, rp, err := replayLanes(env)
	if err != nil {
		return nil, err
	}
	live := rp.State.Live()
	if live == nil {
		live = []lease.Lease{}
	}
	skipped := rp.Skipped
	for _, s := range skipped {
		env.Warn(fmt.Sprintf("dos: warning: journal line %d is not a JSON object; skipped: %.80s", s.Line+1, s.Raw))
	}
	if rp.Torn != nil {
		env.Warn(fmt.Sprintf("dos: warning: journal line %d is a torn final line (an append that never finished); ignored", rp.Torn.Line+1))
	}
	body := JournalReplayResult{
		Leases: live, Generations: rp.State.Generations(), Seq: rp.State.MaxSeq,
		Records: rp.State.Records, Skipped: skipped, Torn: rp.Torn, Journal: sh.j.Path,
	}
	if skipped == nil {
		body.Skipped = []journal.Skipped{}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d live lease(s), %d record(s), seq %d, %d skipped line(s)", len(live), rp.State.Records, rp.State.MaxSeq, len(skipped))
	return &call.Reply[JournalReplayResult]{Body: body, Text: b.String()}, nil
})

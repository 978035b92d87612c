package syscall

import (
	"context"
	"fmt"
	"strings"

	"github.com/dispatchos/dos/kernel/lease"
)

// JournalReplayArgs takes nothing.
type JournalReplayArgs struct{}

// JournalReplay prints the journal's fold.
var JournalReplay = New(Def{
	Path:  "journal replay",
	Short: "Fold the lane journal into its live leases and report unreadable lines",
	Long: `What does the journal say is held? replay folds every record in file order
(ACQUIRE adds, RELEASE and SCAVENGE remove, HEARTBEAT refreshes, CHECKPOINT
resets) and prints the leases that are live by the journal's own structure,
without applying expiry ("lease-lane live" applies it), together with every
line it had to skip: lines that are not JSON objects ("skipped") and a torn
final line ("torn"). Each skipped line is also named on stderr.`,
	Example:     "  dos journal replay",
	Toolset:     Admission,
	Class:       ReadOnly,
	Surfaces:    CLI | MCP,
	JSONDefault: true,
}, func(ctx context.Context, env *Env, _ *JournalReplayArgs) (*Result, error) {
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
	data := map[string]any{
		"leases": live, "generations": rp.State.Generations(), "seq": rp.State.MaxSeq,
		"records": rp.State.Records, "skipped": skipped, "torn": rp.Torn, "journal": sh.j.Path,
	}
	if skipped == nil {
		data["skipped"] = []any{}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d live lease(s), %d record(s), seq %d, %d skipped line(s)", len(live), rp.State.Records, rp.State.MaxSeq, len(skipped))
	return &Result{Data: data, Text: b.String()}, nil
})

package lanes

import (
	"context"
	"strconv"

	"github.com/dispatchos/dos/call"
)

// JournalSeqArgs takes nothing.
type JournalSeqArgs struct{}

// JournalSeqResult is journal seq's answer: the highest seq (0 when empty).
type JournalSeqResult struct {
	Seq int64 `json:"seq"`
}

// JournalSeq prints the journal's current seq.
var JournalSeq = call.New(call.Def{
	Path:  "journal seq",
	Short: "Print the lane journal's highest seq (0 when empty)",
	Long: `USE THIS WHEN: you need the lane journal's high-water mark, to tell whether
anything was recorded since you last looked.

How far has the journal got? seq prints the largest seq over the whole file,
counting the seq_watermark a compaction leaves behind; the next record gets
this plus one. An empty or missing journal is 0.`,
	Example:     "  dos journal seq",
	Toolset:     call.Spine,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	JSONDefault: true,
}, func(ctx context.Context, env *call.Env, _ *JournalSeqArgs) (*call.Reply[JournalSeqResult], error) {
	_, rp, err := replayLanes(env)
	if err != nil {
		return nil, err
	}
	return &call.Reply[JournalSeqResult]{Body: JournalSeqResult{Seq: rp.State.MaxSeq}, Text: strconv.FormatInt(rp.State.MaxSeq, 10)}, nil
})

package syscall

import (
	"context"
	"strconv"
)

// JournalSeqArgs takes nothing.
type JournalSeqArgs struct{}

// JournalSeq prints the journal's current seq.
var JournalSeq = New(Def{
	Path:  "journal seq",
	Short: "Print the lane journal's highest seq (0 when empty)",
	Long: `How far has the journal got? seq prints the largest seq over the whole file,
counting the seq_watermark a compaction leaves behind; the next record gets
this plus one. An empty or missing journal is 0.`,
	Example:     "  dos journal seq",
	Toolset:     Admission,
	Class:       ReadOnly,
	Surfaces:    CLI | MCP,
	JSONDefault: true,
}, func(ctx context.Context, env *Env, _ *JournalSeqArgs) (*Result, error) {
	_, rp, err := replayLanes(env)
	if err != nil {
		return nil, err
	}
	return &Result{Data: map[string]any{"seq": rp.State.MaxSeq}, Text: strconv.FormatInt(rp.State.MaxSeq, 10)}, nil
})

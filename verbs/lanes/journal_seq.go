package lanes

import (
	"context"
	"strconv"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/state/store"
)

// JournalSeqArgs takes nothing.
type JournalSeqArgs struct{}

// JournalSeqResult is journal seq's answer: the highest seq (0 when
// empty), or the LOCK_BUSY body when a shared store did not answer.
type JournalSeqResult struct {
	Seq  int64           `json:"seq"`
	Busy *LockBusyResult `json:"-"`
}

type journalSeqPlain JournalSeqResult

// MarshalJSON writes the seq, or the LOCK_BUSY body.
func (r JournalSeqResult) MarshalJSON() ([]byte, error) {
	return orBusy(r.Busy, journalSeqPlain(r))
}

// OutputShape says the answer is the seq or the LOCK_BUSY body.
func (JournalSeqResult) OutputShape() call.Shape { return shapeOrBusy[journalSeqPlain]() }

// JournalSeq prints the journal's current seq.
var JournalSeq = call.Def{
	Path:  "journal seq",
	Short: "Print the lane journal's highest seq (0 when empty)",
	Long: `USE THIS WHEN: you need the lane journal's high-water mark, to tell whether
anything was recorded since you last looked.

How far has the journal got? seq prints the largest seq over the whole file,
counting the seq_watermark a compaction leaves behind; the next record gets
this plus one. An empty or missing journal is 0.

On an etcd fleet seq is the revision of the newest event (or the watermark
of the checkpoint a compaction left): it never goes backwards, and the next
event gets a larger one (the cluster's revision also counts writes that are
not events, so the gap may be more than one). A cluster that does not answer
is LOCK_BUSY (exit 4), naming the endpoints.`,
	Example:         "  dos journal seq",
	Toolset:         call.Spine,
	Class:           call.ReadOnly,
	Surfaces:        call.CLI | call.MCP,
	JSONDefault:     true,
	Verdicts:        []*call.Verdict{&LockBusy},
	OptionalVerdict: true,
	Handler: &call.Typed[JournalSeqArgs, JournalSeqResult]{Fn: func(ctx context.Context, env *call.Env, _ *JournalSeqArgs) (*call.Reply[JournalSeqResult], error) {
		seq, _, err := readJournal(env, func(st store.Store) (int64, error) { return st.Seq(ctx) })
		if store.Down(err) {
			return readDown(JournalSeqResult{Busy: downBody("", err)}, err), nil
		}
		if err != nil {
			return nil, err
		}
		return &call.Reply[JournalSeqResult]{Body: JournalSeqResult{Seq: seq}, Text: strconv.FormatInt(seq, 10)}, nil
	}},
}

package lanes

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/state/journal"
)

// JournalCompactArgs are the inputs of journal compact.
type JournalCompactArgs struct {
	Archive string  `name:"archive" help:"append the replaced records to this file first (keeps the history for an audit)"`
	Wait    float64 `name:"wait" default:"5" help:"seconds to wait for the journal lock before answering LOCK_BUSY"`
}

// JournalCompactResult is journal compact's answer: what the rewrite
// reclaimed, or the LOCK_BUSY body.
type JournalCompactResult struct {
	journal.CompactResult
	// Busy is set on LOCK_BUSY, and is then the whole JSON form.
	Busy *LockBusyResult `json:"-"`
}

type journalCompactPlain JournalCompactResult

// MarshalJSON writes the compaction counts, or the LOCK_BUSY body.
func (r JournalCompactResult) MarshalJSON() ([]byte, error) {
	return orBusy(r.Busy, journalCompactPlain(r))
}

// OutputSchema says the answer is the counts or the LOCK_BUSY body.
func (JournalCompactResult) OutputShape() call.Shape { return shapeOrBusy[journalCompactPlain]() }

// JournalCompact rewrites the journal as one checkpoint.
var JournalCompact = call.New(call.Def{
	Path:  "journal compact",
	Short: "Rewrite the lane journal as one checkpoint of its live leases",
	Long: `USE THIS WHEN: the lane journal has grown long and reads are getting slower;
compaction keeps what is live and drops the history.

How do I keep the journal short? compact replaces it, under the journal lock,
with one CHECKPOINT record (the live leases, the seq watermark, the live fencing
generations and the largest generation ever issued, so neither seq nor a
generation is ever reused) followed by every unreadable line kept as a
_CORRUPT record. It writes <journal>.compact.tmp, fsyncs it and renames it
over the journal. No live lease is lost. Heartbeat history is: run it in a
quiet window, or pass --archive to keep the replaced records.`,
	Example:     "  dos journal compact\n  dos journal compact --archive .dos/lane-journal.history.jsonl",
	Toolset:     call.WriteSet,
	Class:       call.Destructive,
	Surfaces:    call.CLI | call.MCP,
	JSONDefault: true,
	Verdicts:    []call.Verdict{Compacted, LockBusy},
}, func(ctx context.Context, env *call.Env, a *JournalCompactArgs) (*call.Reply[JournalCompactResult], error) {
	sh, err := openLanes(env, a.Wait, true)
	if err != nil {
		return nil, err
	}
	archive := a.Archive
	if archive != "" && !filepath.IsAbs(archive) {
		archive = filepath.Join(env.Cwd, archive)
	}
	r, err := sh.j.Compact(ctx, sh.cfg.Wait, archive)
	if isBusy(err) {
		return busyReply(JournalCompactResult{Busy: newBusy("", sh.cfg.Wait, err)}, sh.cfg.Wait), nil
	}
	if err != nil {
		return nil, err
	}
	return &call.Reply[JournalCompactResult]{Verdict: Compacted, Body: JournalCompactResult{CompactResult: r},
		Text: fmt.Sprintf("COMPACTED %d record(s) into %d, %d byte(s) reclaimed", r.EntriesBefore, r.EntriesAfter, r.BytesReclaimed)}, nil
})

package syscall

import (
	"context"
	"fmt"
	"path/filepath"
)

// JournalCompactArgs are the inputs of journal compact.
type JournalCompactArgs struct {
	Archive string  `name:"archive" help:"append the replaced records to this file first (keeps the history for an audit)"`
	Wait    float64 `name:"wait" default:"5" help:"seconds to wait for the journal lock before answering LOCK_BUSY"`
}

// JournalCompact rewrites the journal as one checkpoint.
var JournalCompact = New(Def{
	Path:  "journal compact",
	Short: "Rewrite the lane journal as one checkpoint of its live leases",
	Long: `How do I keep the journal short? compact replaces it, under the journal lock,
with one CHECKPOINT record (the live leases, the seq watermark, the live fencing
generations and the largest generation ever issued, so neither seq nor a
generation is ever reused) followed by every unreadable line kept as a
_CORRUPT record. It writes <journal>.compact.tmp, fsyncs it and renames it
over the journal. No live lease is lost. Heartbeat history is: run it in a
quiet window, or pass --archive to keep the replaced records.`,
	Example:     "  dos journal compact\n  dos journal compact --archive .dos/lane-journal.history.jsonl",
	Toolset:     Admission,
	Class:       Destructive,
	Surfaces:    CLI | MCP,
	JSONDefault: true,
	Verdicts:    []Verdict{{"COMPACTED", 0}, lockBusy},
}, func(ctx context.Context, env *Env, a *JournalCompactArgs) (*Result, error) {
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
		return busyResult("", sh.cfg.Wait, err), nil
	}
	if err != nil {
		return nil, err
	}
	return &Result{Verdict: "COMPACTED", Data: r,
		Text: fmt.Sprintf("COMPACTED %d record(s) into %d, %d byte(s) reclaimed", r.EntriesBefore, r.EntriesAfter, r.BytesReclaimed)}, nil
})

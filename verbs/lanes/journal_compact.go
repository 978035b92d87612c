package lanes

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/store"
)

// JournalCompactArgs are the inputs of journal compact.
type JournalCompactArgs struct {
	Archive string  `name:"archive" help:"append the replaced records to this file first (keeps the history for an audit)"`
	Keep    int     `name:"keep" default:"0" help:"leave the newest N records as they are after the checkpoint"`
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
var JournalCompact = call.Def{
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
quiet window, or pass --archive to keep the replaced records.

--keep N leaves the newest N records as they were after the checkpoint and
folds only the older ones into it, so "journal tail" still shows recent
history; replay answers the same either way.

On an etcd fleet the rule is the same, applied to the fleet's event keys:
every event but the newest N is folded into one checkpoint key, in one
transaction conditioned on no other compaction having run since the read
(an event written meanwhile is newer, so it is kept); readers ignore the
folded events from that moment, and compact then deletes them and runs
etcd's own compaction up to that revision, which frees their old versions
(etcd's history is cluster-wide: a watcher of an older revision of any key
then has to re-read). Events one transaction wrote are folded or kept
together. --archive writes the folded records to a file on this machine.`,
	Example:     "  dos journal compact\n  dos journal compact --keep 200\n  dos journal compact --archive .dos/lane-journal.history.jsonl",
	Toolset:     call.WriteSet,
	Class:       call.Destructive,
	Surfaces:    call.CLI | call.MCP,
	JSONDefault: true,
	Verdicts:    []*call.Verdict{&Compacted, &LockBusy},
	Handler: &call.Typed[JournalCompactArgs, JournalCompactResult]{Fn: func(ctx context.Context, env *call.Env, a *JournalCompactArgs) (*call.Reply[JournalCompactResult], error) {
		if a.Keep < 0 {
			return nil, call.Usagef("--keep %d: a number of records, 0 or more", a.Keep)
		}
		sh, st, err := journalStore(env, a.Wait, true)
		if store.Down(err) {
			return compactDown(err), nil
		}
		if err != nil {
			return nil, err
		}
		defer st.Close()
		archive := a.Archive
		if archive != "" && !filepath.IsAbs(archive) {
			archive = filepath.Join(env.WorkDir(), archive)
		}
		r, err := st.Compact(ctx, store.CompactOptions{Keep: a.Keep, Archive: archive})
		if isBusy(err) {
			return busyReply(JournalCompactResult{Busy: newBusy("", sh.cfg.Wait, err)}, sh.cfg.Wait), nil
		}
		if store.Down(err) {
			return compactDown(err), nil
		}
		if err != nil {
			return nil, err
		}
		return &call.Reply[JournalCompactResult]{Verdict: Compacted, Body: JournalCompactResult{CompactResult: r},
			Text: fmt.Sprintf("COMPACTED %d record(s) into %d, %d byte(s) reclaimed", r.EntriesBefore, r.EntriesAfter, r.BytesReclaimed)}, nil
	}},
}

// compactDown is the exit-4 answer of a compaction whose shared store did
// not answer, or lost to other compactions on every attempt.
func compactDown(err error) *call.Reply[JournalCompactResult] {
	rep := downReply(JournalCompactResult{Busy: downBody("", err)}, err)
	rep.Text = "lease store unavailable: " + err.Error()
	rep.Interpretation = "WAIT — the shared lease store did not answer, or other compactions kept winning; whatever was folded stays folded. Retry, or check it with dos doctor."
	return rep
}

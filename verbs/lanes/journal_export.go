package lanes

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/store"
)

// JournalExportArgs are the inputs of journal export.
type JournalExportArgs struct {
	Out string `name:"out" help:"write the records to this file (replaced whole, synced) instead of standard output"`
}

// JournalExportResult is journal export's answer: where the records came
// from and went, and, when they went to standard output, the records.
type JournalExportResult struct {
	// Source is the journal's path, or "etcd <endpoints> <key prefix>".
	Source string `json:"source"`
	// Count is the number of records exported.
	Count int `json:"count"`
	// Out is the file written; empty when the records went to standard
	// output.
	Out string `json:"out"`
	// Records are the records, each one JSON object; left out when they
	// went to a file (or there are none).
	Records []json.RawMessage `json:"records,omitempty"`
	// Busy is set when the shared store did not answer, and is then the
	// whole JSON form.
	Busy *LockBusyResult `json:"-"`
}

type journalExportPlain JournalExportResult

// MarshalJSON writes the export, or the LOCK_BUSY body.
func (r JournalExportResult) MarshalJSON() ([]byte, error) {
	return orBusy(r.Busy, journalExportPlain(r))
}

// journalExportShape is the JSON form of an export: JournalExportResult's,
// its records objects whose keys are the journal's.
type journalExportShape struct {
	Source  string           `json:"source"`
	Count   int              `json:"count"`
	Out     string           `json:"out"`
	Records []map[string]any `json:"records,omitempty"`
}

// OutputShape says the answer is the export or the LOCK_BUSY body.
func (JournalExportResult) OutputShape() call.Shape { return shapeOrBusy[journalExportShape]() }

// JournalExport writes the journal out as JSON lines.
var JournalExport = call.Def{
	Path:  "journal export",
	Short: "Write the lane journal out as JSON lines, from the file journal or an etcd fleet",
	Long: `USE THIS WHEN: you are moving a fleet between the file journal and etcd (or
to another cluster), or want the lease history as one file for an audit.

What does the journal hold, as a file? export writes every record of the
workspace's journal, oldest first, one JSON object a line, in the lane
journal's own format (keys sorted; a line that was not a record as its
_CORRUPT sentinel; a torn final line left out). The source is the file journal,
or the fleet's event keys when dos.toml says [fleet] backend = "etcd" (the
checkpoint a compaction left first, each event with its revision as seq).
On etcd a heartbeat coalesced by --coalesce-within-s renews the lease's TTL
without recording an event (others record a HEARTBEAT), so the export ends
with one HEARTBEAT (reason "etcd keep-alive") for each live
lease renewed since its newest recorded stamp, stamped with its last renewal
as the cluster counted it: a file journal that imports it keeps each lease
as long as etcd would have.
The lines go to standard output, or to --out FILE, written aside, synced and
renamed into place. An export is a valid lane journal, and "dos fleet import"
reads it into the other backend. export writes nothing to the journal; a
cluster that does not answer is LOCK_BUSY (exit 4), naming the endpoints.`,
	Example:         "  dos journal export > fleet.jsonl\n  dos journal export --out fleet.jsonl\n  dos journal export --json",
	Toolset:         call.Spine,
	Class:           call.ReadOnly,
	Surfaces:        call.CLI,
	Verdicts:        []*call.Verdict{&LockBusy},
	OptionalVerdict: true,
	Handler: &call.Typed[JournalExportArgs, JournalExportResult]{Fn: func(ctx context.Context, env *call.Env, a *JournalExportArgs) (*call.Reply[JournalExportResult], error) {
		evs, src, err := readJournal(env, func(st store.Store) ([]store.Event, error) { return st.Export(ctx) })
		if store.Down(err) {
			return readDown(JournalExportResult{Busy: downBody("", err)}, err), nil
		}
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		recs := make([]json.RawMessage, 0, len(evs))
		for _, e := range evs {
			m, err := store.DecodeObject(e.Line)
			if err != nil {
				return nil, fmt.Errorf("journal export: %w", err)
			}
			b, err := journal.EncodeRecord(m)
			if err != nil {
				return nil, fmt.Errorf("journal export: %w", err)
			}
			recs = append(recs, b)
			buf.Write(b)
			buf.WriteByte('\n')
		}
		body := JournalExportResult{Source: src, Count: len(recs)}
		if a.Out == "" {
			body.Records = recs
			return &call.Reply[JournalExportResult]{Body: body, Text: string(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), Verbatim: true}, nil
		}
		out := a.Out
		if !filepath.IsAbs(out) {
			out = filepath.Join(env.WorkDir(), out)
		}
		if err := replaceFile(out, buf.Bytes()); err != nil {
			return nil, fmt.Errorf("journal export: %w", err)
		}
		body.Out = out
		return &call.Reply[JournalExportResult]{Body: body, Text: fmt.Sprintf("exported %d record(s) from %s to %s", len(recs), src, out)}, nil
	}},
}

// replaceFile writes b to a temporary file beside path, syncs it and
// renames it over path, so a reader sees the old file or the whole new one.
func replaceFile(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	_, werr := f.Write(b)
	if werr == nil {
		werr = f.Sync()
	}
	if err := errors.Join(werr, f.Close()); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}

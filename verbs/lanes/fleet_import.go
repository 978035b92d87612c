package lanes

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
)

// FleetImportArgs are the inputs of fleet import.
type FleetImportArgs struct {
	File  string  `name:"file" pos:"0" required:"true" help:"the export to read (JSON lines, as journal export writes them); - reads standard input"`
	Force bool    `name:"force" help:"end the target's live leases (one SCAVENGE each) instead of refusing"`
	Wait  float64 `name:"wait" default:"5" help:"seconds to wait for the journal lock before answering LOCK_BUSY"`
}

// FleetImportResult is fleet import's answer: what was written where, and
// what became of the leases on both sides.
type FleetImportResult struct {
	// Target is the journal written: a path, or "etcd <endpoints> <key
	// prefix>".
	Target string `json:"target"`
	// Digest identifies the import (SHA-256 of its records without seq).
	Digest string `json:"digest"`
	// Records counts the export's records written (0 when the import was
	// already applied, or refused).
	Records int `json:"records"`
	// Carried are the export's leases still live at import, now live in
	// the target with their lane, holder and stamps.
	Carried []lease.Lease `json:"carried"`
	// Expired are the export's leases that expired before the import;
	// each got a SCAVENGE, none is live in the target.
	Expired []lease.Lease `json:"expired"`
	// Replaced are the target's live leases --force ended.
	Replaced []lease.Lease `json:"replaced"`
	// Blocking are the target's live leases that refused the import.
	Blocking []lease.Lease `json:"blocking"`
	// Busy is set on LOCK_BUSY, and is then the whole JSON form.
	Busy *LockBusyResult `json:"-"`
}

type fleetImportPlain FleetImportResult

// MarshalJSON writes the import's outcome, or the LOCK_BUSY body.
func (r FleetImportResult) MarshalJSON() ([]byte, error) {
	return orBusy(r.Busy, fleetImportPlain(r))
}

// OutputShape says the answer is the outcome or the LOCK_BUSY body.
func (FleetImportResult) OutputShape() call.Shape { return shapeOrBusy[fleetImportPlain]() }

// FleetImport reads an export into the workspace's journal.
var FleetImport = call.Def{
	Path:  "fleet import",
	Use:   "{<file> | -}",
	Short: "Read a journal export into this workspace's lease store (etcd or the file journal)",
	Long: `USE THIS WHEN: you are moving a fleet's lanes between the file journal and etcd
(or between clusters): export on the old side, import on the new one.

How do I move a fleet without losing who holds what? import reads an export
("dos journal export": JSON lines in the lane journal's format) into the store
this workspace's dos.toml names: the fleet's etcd cluster with [fleet] backend
= "etcd", else the file journal. It appends every record of the export, in
order, with every field kept except seq, which the target numbers on from its
own (on etcd, the revision that writes it). The leases live in the export
that the expiry rule still counts live become live in the target with their
lane, holder, loop stamp, ttl and stamps, and arbitrate against everything
acquired afterwards; on etcd each gets its ttl plus the grace afresh from the
import (the import counts as a heartbeat). An export lease that expired
meanwhile gets a SCAVENGE and stays gone.

The target must hold no live lease: otherwise import answers REFUSED (exit 1),
lists them under "blocking" and writes nothing; --force ends them first, each
with a SCAVENGE whose reason says so. Running the same import again is
ALREADY_IMPORTED (exit 0) and writes nothing: etcd keeps a marker per import
(imports/<digest>); the file journal recognises its records standing in it in
order. On etcd an import that stops halfway resumes where it stopped when
rerun, and its leases take effect in its last transaction, which fails (and
is retried) if a lease was granted meanwhile.

Exit 0 IMPORTED or ALREADY_IMPORTED, 1 REFUSED, 4 LOCK_BUSY (the journal lock
stayed held, or the cluster did not answer), 2 bad input (a line that is not a
JSON object is named by its number).`,
	Example:  "  dos fleet import fleet.jsonl\n  dos journal export | ssh host2 'cd repo && dos fleet import -'\n  dos fleet import --force fleet.jsonl",
	Toolset:  call.WriteSet,
	Class:    call.Destructive,
	Surfaces: call.CLI,
	Verdicts: []*call.Verdict{&Imported, &AlreadyImported, &Refused, &LockBusy},
	Handler: &call.Typed[FleetImportArgs, FleetImportResult]{Fn: func(ctx context.Context, env *call.Env, a *FleetImportArgs) (*call.Reply[FleetImportResult], error) {
		lines, err := readExport(env, a.File)
		if err != nil {
			return nil, err
		}
		sh, st, err := journalStore(env, a.Wait, true)
		if store.Down(err) {
			return downReply(FleetImportResult{Busy: downBody("", err)}, err), nil
		}
		if err != nil {
			return nil, err
		}
		defer st.Close()
		r, err := st.Import(ctx, store.ImportInput{Lines: lines, Force: a.Force, Now: env.Now().UTC()})
		if isBusy(err) {
			return busyReply(FleetImportResult{Busy: newBusy("", sh.cfg.Wait, err)}, sh.cfg.Wait), nil
		}
		if store.Down(err) {
			rep := downReply(FleetImportResult{Busy: downBody("", err)}, err)
			rep.Text = "lease store unavailable: " + err.Error() + "; rerun the import to finish it"
			return rep, nil
		}
		if err != nil {
			return nil, err
		}
		body := FleetImportResult{Target: st.Source(), Digest: r.Digest, Records: r.Records,
			Carried: orEmpty(r.Carried), Expired: orEmpty(r.Expired), Replaced: orEmpty(r.Replaced), Blocking: orEmpty(r.Blocking)}
		switch {
		case len(r.Blocking) > 0:
			return &call.Reply[FleetImportResult]{Verdict: Refused, Body: body,
				Text:           fmt.Sprintf("REFUSED %s holds %d live lease(s) (%s); nothing was imported", body.Target, len(r.Blocking), laneList(r.Blocking)),
				Interpretation: "STOP — the target already arbitrates live leases; release them, or pass --force to end them."}, nil
		case r.Already:
			return &call.Reply[FleetImportResult]{Verdict: AlreadyImported, Body: body,
				Text: fmt.Sprintf("ALREADY_IMPORTED %s holds this import (%s); nothing was written", body.Target, r.Digest[:12])}, nil
		}
		return &call.Reply[FleetImportResult]{Verdict: Imported, Body: body,
			Text: fmt.Sprintf("IMPORTED %d record(s) into %s; %d lease(s) carried, %d expired, %d replaced",
				r.Records, body.Target, len(r.Carried), len(r.Expired), len(r.Replaced))}, nil
	}},
}

// readExport reads an export's records: one JSON object a line, blank
// lines skipped, a final carriage return trimmed. A line that is not an
// object is bad input naming it.
func readExport(env *call.Env, file string) ([]json.RawMessage, error) {
	var b []byte
	var err error
	if file == "-" {
		if env.Stdin == nil {
			return nil, call.Usagef("fleet import -: no standard input")
		}
		b, err = io.ReadAll(env.Stdin)
	} else {
		if !filepath.IsAbs(file) {
			file = filepath.Join(env.WorkDir(), file)
		}
		b, err = os.ReadFile(file)
	}
	if err != nil {
		return nil, call.Usagef("fleet import: %v", err)
	}
	var out []json.RawMessage
	for i, line := range bytes.Split(b, []byte("\n")) {
		line = bytes.TrimSuffix(line, []byte("\r"))
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if _, err := store.DecodeObject(line); err != nil {
			return nil, call.Usagef("fleet import: line %d: %v", i+1, err)
		}
		out = append(out, line)
	}
	return out, nil
}

// orEmpty is ls, or an empty list for none (so the JSON says []).
func orEmpty(ls []lease.Lease) []lease.Lease {
	if ls == nil {
		return []lease.Lease{}
	}
	return ls
}

// laneList names the lanes of ls and their holders.
func laneList(ls []lease.Lease) string {
	var b bytes.Buffer
	for i, l := range ls {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s by %s", lease.Escape(l.Lane), lease.Escape(l.Holder))
	}
	return b.String()
}

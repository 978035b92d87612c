package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
)

// ImportInput is one import: the records of an export, in order.
type ImportInput struct {
	// Lines are the export's records, each one JSON object.
	Lines []json.RawMessage
	// Force ends the target's live leases (one SCAVENGE each) instead of
	// refusing the import.
	Force bool
	// Now is the time the expiry rule is read at.
	Now time.Time
}

// ImportResult is what an import did.
type ImportResult struct {
	// Digest identifies the import: the SHA-256 of its records without
	// their seq. A rerun of the same export is recognised by it.
	Digest string
	// Already is true when this import was applied before; nothing was
	// written.
	Already bool
	// Records counts the export's records written.
	Records int
	// Carried are the leases live in the export and still live at
	// import, now live in the target with their lane, holder and stamps.
	Carried []lease.Lease
	// Expired are the leases live in the export's fold but expired at
	// import: each got a SCAVENGE record, none is live in the target.
	Expired []lease.Lease
	// Replaced are the target's live leases that Force ended.
	Replaced []lease.Lease
	// Blocking are the target's live leases that refused the import
	// (Force unset); nothing was written.
	Blocking []lease.Lease
}

// ImportPlan is an import decided from the export alone, before the
// target is read.
type ImportPlan struct {
	// Records are the export's records without seq (the target numbers
	// them) and, for a CHECKPOINT, without seq_watermark (it counted the
	// source's numbering); every other field is kept.
	Records []map[string]any
	// Lines are Records encoded as the journal writes them.
	Lines [][]byte
	// Digest is the SHA-256 of Lines, one per line.
	Digest string
	// Carried and Expired split the leases live in the export's fold by
	// the expiry rule at the import's time.
	Carried, Expired []lease.Lease
}

// PlanImport normalises an export's records and folds them. A line that
// is not a JSON object is an error naming it (an export never holds one).
func PlanImport(lines []json.RawMessage, expiry lease.Policy, now time.Time) (ImportPlan, error) {
	var p ImportPlan
	h := sha256.New()
	recs := make([]lease.Record, 0, len(lines))
	for i, raw := range lines {
		m, b, err := normalize(raw)
		if err != nil {
			return p, fmt.Errorf("import record %d: %w", i+1, err)
		}
		r, err := lease.DecodeRecord(b)
		if err != nil {
			return p, fmt.Errorf("import record %d: %w", i+1, err)
		}
		p.Records = append(p.Records, m)
		p.Lines = append(p.Lines, b)
		recs = append(recs, r)
		h.Write(b)
		h.Write([]byte{'\n'})
	}
	p.Digest = hex.EncodeToString(h.Sum(nil))
	p.Carried, p.Expired = expiry.Split(lease.Fold(recs).Live(), now)
	return p, nil
}

// DecodeObject decodes one JSON object, keeping numbers as they are
// written (json.Number).
func DecodeObject(raw []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil, fmt.Errorf("not a JSON object: %q", journalPrefix(raw))
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value: %q", journalPrefix(raw))
	}
	return m, nil
}

// journalPrefix is the first bytes of raw, for an error message.
func journalPrefix(raw []byte) string {
	return lease.Escape(string(raw[:min(len(raw), journal.PrefixBytes)]))
}

// Normalize is a stored record as [PlanImport] compares it: without seq,
// a CHECKPOINT without seq_watermark, encoded as the journal writes.
func Normalize(raw []byte) ([]byte, error) {
	_, b, err := normalize(raw)
	return b, err
}

func normalize(raw []byte) (map[string]any, []byte, error) {
	m, err := DecodeObject(raw)
	if err != nil {
		return nil, nil, err
	}
	delete(m, "seq")
	if m["op"] == lease.OpCheckpoint {
		delete(m, "seq_watermark")
	}
	b, err := journal.EncodeRecord(m)
	return m, b, err
}

package ship

import (
	"bytes"
	"encoding/json"
	"reflect"

	"github.com/dispatchos/dos/call"
)

// AuditReport is commit-audit's answer: one finding per audited commit, or
// the --sweep summary of a range. Its JSON form is the list of findings, or
// the summary object with --sweep, as the reference prints them.
type AuditReport struct {
	// Findings holds one row per commit (without --sweep).
	Findings []AuditFinding
	// Sweep is the range summary (with --sweep).
	Sweep *AuditSweep
}

// MarshalJSON writes the list of findings, or the sweep summary.
func (r AuditReport) MarshalJSON() ([]byte, error) {
	var v any = r.Findings
	if r.Sweep != nil {
		v = r.Sweep
	} else if r.Findings == nil {
		v = []AuditFinding{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // subjects keep their <, > and & as printed before
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// OutputShape says the report is either form.
func (AuditReport) OutputShape() call.Shape {
	return call.ShapeOf(reflect.TypeFor[[]AuditFinding](), reflect.TypeFor[AuditSweep]())
}

package ledger

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// Parse reads one ledger line. A field of the wrong type reads as absent
// rather than losing the record. The schema tag decides the kind: absent
// or malformed is a legacy version-1 record; {"family":"intent-ledger",
// "version":N} or a bare integer N reads when N <= 1 and is KindNewer
// above; another non-empty family is KindCorrupt.
func Parse(line []byte) (Record, Kind) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return Record{}, KindIgnored
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(line, &m); err != nil {
		if json.Valid(line) {
			return Record{}, KindIgnored // JSON, but not an object
		}
		return Record{}, KindCorrupt
	}
	if m == nil {
		return Record{}, KindIgnored // null
	}
	if k := schemaKind(m["schema"]); k != KindRecord {
		return Record{}, k
	}
	r := Record{
		Op: str(m["op"]), RunID: str(m["run_id"]), TS: str(m["ts"]),
		Goal: str(m["goal"]), Plan: str(m["plan"]), Phase: str(m["phase"]), StartSHA: str(m["start_sha"]),
		StepID: str(m["step_id"]), SHA: str(m["sha"]), Via: str(m["via"]),
		Reason: str(m["reason"]), ResumeSHA: str(m["resume_sha"]), TranscriptDigest: str(m["transcript_digest"]),
		Predecessor: str(m["predecessor_run_id"]),
	}
	if r.Predecessor == "" {
		r.Predecessor = str(m["predecessor"])
	}
	r.DeclaredSteps, r.HasDeclared = strs(m["declared_steps"])
	r.StepRegions, r.HasRegions = regions(m["step_regions"])
	r.Verdicts, _ = strs(m["verdicts"])
	r.Residual, _ = strs(m["residual"])
	r.CheckpointTurn, r.HasCheckpoint = integer(m["checkpoint_turn"])
	return r, KindRecord
}

// schemaKind applies the schema gate to a raw schema value.
func schemaKind(raw json.RawMessage) Kind {
	if len(raw) == 0 {
		return KindRecord
	}
	if v, ok := integer(raw); ok && raw[0] != '"' {
		return versionKind(v)
	}
	var s struct {
		Family  *string          `json:"family"`
		Version *json.RawMessage `json:"version"`
	}
	if json.Unmarshal(raw, &s) != nil {
		return KindRecord // malformed: legacy
	}
	if s.Family != nil && *s.Family != "" && *s.Family != Family {
		return KindCorrupt
	}
	if s.Version == nil {
		return KindRecord
	}
	if v, ok := integer(*s.Version); ok && (*s.Version)[0] != '"' {
		return versionKind(v)
	}
	return KindRecord
}

func versionKind(v int) Kind {
	if v > Version {
		return KindNewer
	}
	return KindRecord
}

// str is a JSON string's value, "" for anything else.
func str(raw json.RawMessage) string {
	if len(raw) == 0 || raw[0] != '"' {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) != nil {
		return ""
	}
	return s
}

// strs is a JSON array's string elements (others dropped); ok is false
// when the value is absent or not an array.
func strs(raw json.RawMessage) ([]string, bool) {
	if len(raw) == 0 || raw[0] != '[' {
		return nil, false
	}
	var vs []json.RawMessage
	if json.Unmarshal(raw, &vs) != nil {
		return nil, false
	}
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		if len(v) > 0 && v[0] == '"' {
			out = append(out, str(v))
		}
	}
	return out, true
}

// regions reads step_regions: {step: [globs]} (a single string glob is a
// one-element list).
func regions(raw json.RawMessage) (map[string][]string, bool) {
	if len(raw) == 0 || raw[0] != '{' {
		return nil, false
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return nil, false
	}
	out := make(map[string][]string, len(m))
	for k, v := range m {
		if g, ok := strs(v); ok {
			out[k] = g
		} else if s := str(v); s != "" {
			out[k] = []string{s}
		}
	}
	return out, true
}

// integer reads a JSON number (truncated towards zero) or a string holding
// a decimal integer; ok is false for anything else.
func integer(raw json.RawMessage) (int, bool) {
	if len(raw) == 0 {
		return 0, false
	}
	if raw[0] == '"' {
		n, err := strconv.Atoi(strings.TrimSpace(str(raw)))
		return n, err == nil
	}
	var f float64
	if json.Unmarshal(raw, &f) != nil || math.IsNaN(f) || f > math.MaxInt32 || f < math.MinInt32 {
		return 0, false
	}
	return int(f), true
}

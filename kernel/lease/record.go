package lease

import (
	"bytes"
	"encoding/json"
	"errors"
	"unicode/utf8"
)

// The journal's operations. Unknown ops are kept by readers and ignored by
// the fold.
const (
	OpAcquire    = "ACQUIRE"
	OpRelease    = "RELEASE"
	OpScavenge   = "SCAVENGE"
	OpHeartbeat  = "HEARTBEAT"
	OpAdopt      = "ADOPT"
	OpReconcile  = "RECONCILE"
	OpCheckpoint = "CHECKPOINT"
	OpRefuse     = "REFUSE"
	OpHalt       = "HALT"
	OpSpawn      = "SPAWN"
	OpCorrupt    = "_CORRUPT"
)

// Record is one journal line, decoded to the fields the fold and the
// verbs read. Fields a record does not carry stay zero; unknown fields are
// dropped here (the raw line is kept by the reader for display).
type Record struct {
	Op           string            `json:"op"`
	Seq          int64             `json:"seq"`
	TS           string            `json:"ts"`
	Lane         string            `json:"lane"`
	LaneKind     string            `json:"lane_kind"`
	Tree         []string          `json:"tree"`
	LoopTS       string            `json:"loop_ts"`
	HostID       string            `json:"host_id"`
	PID          int               `json:"pid"`
	Holder       string            `json:"holder"`
	AcquiredAt   string            `json:"acquired_at"`
	HeartbeatAt  string            `json:"heartbeat_at"`
	RunID        string            `json:"run_id"`
	TTLMinutes   float64           `json:"ttl_minutes"`
	LeaseID      string            `json:"lease_id"`
	Reason       string            `json:"reason"`
	ReasonClass  string            `json:"reason_class"`
	Handle       string            `json:"handle"`
	Lease        *Lease            `json:"lease"`
	Leases       []json.RawMessage `json:"leases"`
	SeqWatermark int64             `json:"seq_watermark"`
	Generations  []Generation      `json:"generations"`
	// GenerationWatermark is the largest fencing generation ever issued
	// before a CHECKPOINT, so numbering continues after compaction.
	GenerationWatermark int64 `json:"generation_watermark"`
	// Raw and Line describe a _CORRUPT sentinel: the unparseable text and
	// its 0-based line index (the reference's fields).
	Raw  string `json:"_raw"`
	Line int    `json:"_line"`
	// RawLength and RawSHA256 are set when Raw holds only a prefix of a
	// long unparseable line: its full length in bytes and its digest.
	RawLength int64  `json:"_length"`
	RawSHA256 string `json:"_sha256"`
}

// Generation is one fencing generation row of a CHECKPOINT.
type Generation struct {
	LoopTS     string `json:"loop_ts"`
	Lane       string `json:"lane"`
	Generation int64  `json:"generation"`
}

// ErrNotObject is returned for a line that is JSON but not an object.
var ErrNotObject = errors.New("journal line is not a JSON object")

// DecodeRecord parses one journal line. A field of an unexpected type (a
// pid written as a string, a null tree) is dropped rather than losing the
// whole record; only text that is not a JSON object fails.
func DecodeRecord(line []byte) (Record, error) {
	var r Record
	line = bytes.TrimSpace(line)
	if len(line) == 0 || line[0] != '{' {
		if json.Valid(line) {
			return r, ErrNotObject
		}
		return r, errors.New("journal line is not JSON")
	}
	if json.Valid(line) && utf8.Valid(line) {
		if r, ok := decodeFast(line); ok {
			return r, nil
		}
	}
	return decodeSlow(line)
}

// decodeSlow is DecodeRecord through encoding/json, dropping fields of the
// wrong type when the strict decode fails.
func decodeSlow(line []byte) (Record, error) {
	var r Record
	err := json.Unmarshal(line, &r)
	if err == nil {
		return r, nil
	}
	var m map[string]any
	if json.Unmarshal(line, &m) != nil {
		return Record{}, err
	}
	sanitize(m)
	b, _ := json.Marshal(m)
	r = Record{}
	if err := json.Unmarshal(b, &r); err != nil {
		return Record{}, err
	}
	return r, nil
}

// DecodeLease parses one lease object (a CHECKPOINT row), tolerating
// fields of the wrong type the same way [DecodeRecord] does.
func DecodeLease(raw []byte) (Lease, bool) {
	var l Lease
	if json.Unmarshal(raw, &l) == nil {
		return l, true
	}
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return Lease{}, false
	}
	sanitize(m)
	b, _ := json.Marshal(m)
	l = Lease{}
	return l, json.Unmarshal(b, &l) == nil
}

// keyKind is the kind of a known key: 's' string, 'n' number, 'a' string
// array, 'o' object, 'l' array of objects.
func keyKind(k string) (byte, bool) {
	switch k {
	case "op", "ts", "lane", "lane_kind", "loop_ts", "host_id", "holder", "acquired_at", "heartbeat_at", "run_id", "lease_id", "reason", "reason_class", "handle", "_raw", "_sha256":
		return 's', true
	case "seq", "pid", "ttl_minutes", "seq_watermark", "generation_watermark", "_line", "_length", "generation":
		return 'n', true
	case "tree":
		return 'a', true
	case "lease":
		return 'o', true
	case "leases", "generations":
		return 'l', true
	}
	return 0, false
}

// sanitize deletes every known key whose value has the wrong JSON type,
// recursing into a nested lease and generation rows.
func sanitize(m map[string]any) {
	for k, v := range m {
		kind, known := keyKind(k)
		if !known {
			continue
		}
		ok := false
		switch kind {
		case 's':
			_, ok = v.(string)
		case 'n':
			f, isNum := v.(float64)
			ok = isNum && (k == "ttl_minutes" || f == float64(int64(f)))
		case 'a':
			arr, isArr := v.([]any)
			ok = isArr
			for _, e := range arr {
				if _, s := e.(string); !s {
					ok = false
				}
			}
		case 'o':
			var sub map[string]any
			sub, ok = v.(map[string]any)
			if ok {
				sanitize(sub)
			}
		case 'l':
			var arr []any
			arr, ok = v.([]any)
			if ok && k == "generations" {
				keep := arr[:0]
				for _, e := range arr {
					if sub, isObj := e.(map[string]any); isObj {
						sanitize(sub)
						keep = append(keep, sub)
					}
				}
				m[k] = keep
			}
		}
		if !ok {
			delete(m, k)
		}
	}
}

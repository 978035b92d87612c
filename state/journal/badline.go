package journal

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/dispatchos/dos/kernel/lease"
)

// Skipped is the bounded record of a line the reader could not decode:
// where it is, how long it is, a digest of it and a short escaped prefix.
// It never holds the line itself, so one huge garbage line costs a few
// hundred bytes wherever it is reported, cached or compacted.
type Skipped struct {
	// Line is the 1-based line number.
	Line int `json:"line"`
	// Offset is the byte offset of the line's first byte.
	Offset int64 `json:"offset"`
	// Length is the line's length in bytes (without its newline).
	Length int64 `json:"length"`
	// SHA256 is the hex digest of the line's bytes.
	SHA256 string `json:"sha256"`
	// Prefix is the line's first bytes (at most PrefixBytes), with control
	// characters, invalid UTF-8 and quotes escaped as in a Go string.
	Prefix string `json:"prefix"`
	// WasLine, for a _CORRUPT record a compaction kept, is the 1-based
	// line number the unreadable line had before that compaction.
	WasLine int `json:"was_line,omitempty"`
	// raw is up to keepRaw bytes of the line, for a _CORRUPT sentinel.
	raw string
}

// PrefixBytes is how much of a bad line a [Skipped] record shows.
const PrefixBytes = 64

// keepRaw is how much of a bad line a _CORRUPT sentinel keeps in _raw; a
// longer line's sentinel also carries its length and digest.
const keepRaw = 1024

// badLine is the bounded record of the unparseable line text (line index
// idx, 0-based, at offset off).
func badLine(idx int, off int64, text []byte) *Skipped {
	sum := sha256.Sum256(text)
	return &Skipped{Line: idx + 1, Offset: off, Length: int64(len(text)), SHA256: hex.EncodeToString(sum[:]),
		Prefix: escapePrefix(text), raw: string(text[:min(len(text), keepRaw)])}
}

// keptLine is the [Skipped] record of a _CORRUPT sentinel a compaction
// wrote (line index idx at offset off): it describes the line that was
// lost, from what the sentinel kept of it.
func keptLine(idx int, off int64, r lease.Record) *Skipped {
	s := &Skipped{Line: idx + 1, Offset: off, Length: r.RawLength, SHA256: r.RawSHA256,
		Prefix: escapePrefix([]byte(r.Raw)), WasLine: r.Line + 1, raw: r.Raw}
	if len(s.raw) > keepRaw {
		s.raw = s.raw[:keepRaw]
	}
	if s.SHA256 == "" || s.Length <= 0 {
		sum := sha256.Sum256([]byte(r.Raw))
		s.Length, s.SHA256 = int64(len(r.Raw)), hex.EncodeToString(sum[:])
	}
	return s
}

// Sentinel is the _CORRUPT record that stands for the bad line in the
// record stream and that compaction persists: the reference's fields
// (_raw, the 0-based _line) with _raw cut to a bounded prefix, plus the
// length and digest when it was cut.
func (s *Skipped) Sentinel() map[string]any {
	line := s.Line - 1
	if s.WasLine > 0 {
		line = s.WasLine - 1
	}
	m := map[string]any{"op": lease.OpCorrupt, "_raw": s.raw, "_line": line}
	if int64(len(s.raw)) < s.Length {
		m["_length"], m["_sha256"] = s.Length, s.SHA256
	}
	return m
}

// SentinelOf is the _CORRUPT sentinel of text, a record's place (index
// idx, 0-based) that holds no record: what [Skipped.Sentinel] is for a
// bad journal line, for a store that keeps records elsewhere (an etcd
// value that is not a record).
func SentinelOf(idx int, text []byte) map[string]any {
	return badLine(idx, 0, text).Sentinel()
}

// record is the sentinel as a decoded record.
func (s *Skipped) record() lease.Record {
	r := lease.Record{Op: lease.OpCorrupt, Raw: s.raw, Line: s.Line - 1}
	if s.WasLine > 0 {
		r.Line = s.WasLine - 1
	}
	if int64(len(s.raw)) < s.Length {
		r.RawLength, r.RawSHA256 = s.Length, s.SHA256
	}
	return r
}

// Cut reports whether Prefix shows less than the whole line.
func (s *Skipped) Cut() bool { return s.Length > PrefixBytes }

// escapePrefix is the first PrefixBytes of b quoted like a Go string
// without the surrounding quotes: ESC, BEL, NUL and every other control or
// invisible character become \x1b, \a, \x00, \u202e (a character cut in
// two shows as \x bytes), so a bad line cannot drive the terminal it is
// reported on.
func escapePrefix(b []byte) string {
	return lease.Escape(string(b[:min(len(b), PrefixBytes)]))
}

package journal

import (
	"bytes"
	"encoding/json"

	"github.com/dispatchos/dos/kernel/lease"
)

// Needle is the JSON form of a string value ("l3" with its quotes) for
// [Journal.Matching], or nil when the value may be written more than one
// way (it holds a quote, a backslash, a control or non-ASCII character)
// and so cannot be found by its bytes.
func Needle(v string) []byte {
	for i := range len(v) {
		if c := v[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return nil
		}
	}
	b, _ := json.Marshal(v)
	return b
}

// Matching decodes, in file order, every line that holds all the non-nil
// needles, and hands each record to fn. It reads without locking and
// writes nothing. Lines that do not decode are skipped (the callers fold
// by identity, and an unparseable line has none), as is everything that
// lacks a needle, so a question about one lease on a long journal decodes
// a handful of lines instead of all of them. A missing journal, or one
// that is not a regular file, has no lines.
func (j *Journal) Matching(needles [][]byte, fn func(lease.Record)) error {
	data, _, err := j.readFile(0)
	if err != nil {
		return err
	}
	var keys [][]byte
	for _, n := range needles {
		if len(n) > 0 {
			keys = append(keys, n)
		}
	}
	emit := func(line []byte) {
		for _, k := range keys[min(1, len(keys)):] {
			if !bytes.Contains(line, k) {
				return
			}
		}
		if r, err := lease.DecodeRecord(line); err == nil {
			fn(r)
		}
	}
	if len(keys) == 0 {
		for len(data) > 0 {
			var line []byte
			line, data = cutLine(data)
			emit(line)
		}
		return nil
	}
	first, off := keys[0], 0
	for off < len(data) {
		i := bytes.Index(data[off:], first)
		if i < 0 {
			break
		}
		i += off
		start := bytes.LastIndexByte(data[:i], '\n') + 1
		line, _ := cutLine(data[start:])
		emit(line)
		off = start + len(line) + 1
	}
	return nil
}

// cutLine splits data after its first line; the line has no '\n'.
func cutLine(data []byte) (line, rest []byte) {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return data[:i], data[i+1:]
	}
	return data, nil
}

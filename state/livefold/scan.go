package livefold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"

	"github.com/dispatchos/dos/kernel/lease"
)

// Scan decodes, in file order, every line of the journal at path that
// holds at least one of the needles (each line once), and hands its record
// to fn. Lines that do not decode are skipped. A missing file, or one that
// is not a regular file, has no lines. A needle is the JSON form of a
// string value (see [Needle]).
func Scan(path string, needles [][]byte, fn func(lease.Record)) error {
	data, err := readJournal(path)
	if err != nil || len(data) == 0 {
		return err
	}
	return scanData(data, needles, fn)
}

// scanData is [Scan] over bytes already read.
func scanData(data []byte, needles [][]byte, fn func(lease.Record)) error {
	var starts []int
	for _, n := range needles {
		if len(n) == 0 {
			continue
		}
		for off := 0; off < len(data); {
			i := bytes.Index(data[off:], n)
			if i < 0 {
				break
			}
			i += off
			start := bytes.LastIndexByte(data[:i], '\n') + 1
			starts = append(starts, start)
			end := bytes.IndexByte(data[i:], '\n')
			if end < 0 {
				break
			}
			off = i + end + 1
		}
	}
	slices.Sort(starts)
	starts = slices.Compact(starts)
	for _, s := range starts {
		line := data[s:]
		if e := bytes.IndexByte(line, '\n'); e >= 0 {
			line = line[:e]
		}
		if r, err := lease.DecodeRecord(line); err == nil {
			fn(r)
		}
	}
	return nil
}

// Needle is the JSON form of a string value ("l3" with its quotes), or nil
// when the value may be written more than one way (it holds a quote, a
// backslash, a control or non-ASCII character) and so cannot be found by
// its bytes; such a value needs a full decode ([Scan] with a nil needle
// list decodes nothing, so callers fall back to [All]).
func Needle(v string) []byte {
	for i := range len(v) {
		if c := v[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return nil
		}
	}
	return []byte(`"` + v + `"`)
}

// All decodes every line of the journal at path in file order.
func All(path string, fn func(lease.Record)) error {
	data, err := readJournal(path)
	if err != nil {
		return err
	}
	for len(data) > 0 {
		line := data
		if e := bytes.IndexByte(data, '\n'); e >= 0 {
			line, data = data[:e], data[e+1:]
		} else {
			data = nil
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if r, err := lease.DecodeRecord(line); err == nil {
			fn(r)
		}
	}
	return nil
}

func readJournal(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read lane journal %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read lane journal %s: %w", path, err)
	}
	return b, nil
}

package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"

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
// a handful of lines instead of all of them; the file is mapped, not
// copied. A missing journal, or one that is not a regular file, has no
// lines. fn must not keep the record's byte slices (it gets decoded
// values only).
func (j *Journal) Matching(needles [][]byte, fn func(lease.Record)) (err error) {
	var keys [][]byte
	for _, n := range needles {
		if len(n) > 0 {
			keys = append(keys, n)
		}
	}
	data, unmap, err := j.mapJournal()
	if errors.Is(err, errNoMap) {
		return j.matchStream(keys, fn)
	}
	if err != nil {
		return err
	}
	defer unmap()
	var lines [][]byte
	if len(keys) == 0 {
		err = guard(func() {
			for rest := data; len(rest) > 0; {
				var line []byte
				line, rest = cutLine(rest)
				lines = append(lines, line)
			}
		})
	} else {
		lines, err = matchLines(data, keys)
	}
	if err != nil {
		return fmt.Errorf("read lane journal %s: %w", j.Path, err)
	}
	return guard(func() {
		for _, line := range lines {
			if r, err := lease.DecodeRecord(line); err == nil {
				fn(r)
			}
		}
	})
}

// matchLines finds, in order, the lines of data that hold every key. The
// search runs on the key byte rarest in a sample of data, over a few
// stretches of the file at once when it is long.
func matchLines(data []byte, keys [][]byte) ([][]byte, error) {
	first, k, rarest := keys[0], 0, -1
	freq := sampleFreq(data)
	for _, key := range keys {
		if i := anchor(&freq, key); rarest < 0 || freq[key[i]] < rarest {
			first, k, rarest = key, i, freq[key[i]]
		}
	}
	// Cut data into stretches that end on a newline.
	parts := 1
	if len(data) >= parallelBytes {
		parts = runtime.GOMAXPROCS(0)
	}
	var stretches [][]byte
	for rest := data; len(rest) > 0; {
		n := len(rest)
		if left := parts - len(stretches); left > 1 {
			n = len(rest) / left
			if i := bytes.IndexByte(rest[n:], '\n'); i >= 0 {
				n += i + 1
			} else {
				n = len(rest)
			}
		}
		stretches, rest = append(stretches, rest[:n]), rest[n:]
	}
	found := make([][][]byte, len(stretches))
	errs := make([]error, len(stretches))
	var wg sync.WaitGroup
	for p, st := range stretches {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[p] = guard(func() {
				for off := 0; off < len(st); {
					i := indexAt(st[off:], first, k)
					if i < 0 {
						break
					}
					i += off
					start := bytes.LastIndexByte(st[:i], '\n') + 1
					line, _ := cutLine(st[start:])
					if hasAll(line, keys) {
						found[p] = append(found[p], line)
					}
					off = start + len(line) + 1
				}
			})
		}()
	}
	wg.Wait()
	var out [][]byte
	for p := range stretches {
		if errs[p] != nil {
			return nil, errs[p]
		}
		out = append(out, found[p]...)
	}
	return out, nil
}

func hasAll(line []byte, keys [][]byte) bool {
	for _, k := range keys {
		if !bytes.Contains(line, k) {
			return false
		}
	}
	return true
}

// guard runs f over mapped memory: a file cut short under it faults
// instead of reading short, and that is an unreadable journal, not a
// crash. Any other panic goes on.
func guard(f func()) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			re, ok := r.(runtime.Error)
			if !ok || !strings.Contains(re.Error(), "fault") {
				panic(r)
			}
			err = re
		}
	}()
	f()
	return nil
}

// sampleFreq counts the bytes of a sample of data: its first and last
// 8 KiB.
func sampleFreq(data []byte) (freq [256]int) {
	count := func(b []byte) {
		for _, c := range b {
			freq[c]++
		}
	}
	const sample = 8 << 10
	if len(data) <= 2*sample {
		count(data)
	} else {
		count(data[:sample])
		count(data[len(data)-sample:])
	}
	return freq
}

// anchor picks the byte of needle to search for: the one rarest in the
// sample, so the byte search skips far between candidates. Journal lines
// are full of quotes, digits and the letters of their keys; a needle's
// rarest byte is usually in its tail (the seconds of a stamp, a lane's
// own name).
func anchor(freq *[256]int, needle []byte) int {
	best := 0
	for i, c := range needle {
		if freq[c] < freq[needle[best]] {
			best = i
		}
	}
	return best
}

// indexAt is bytes.Index(data, needle), found by searching for
// needle[k] and checking the needle around it.
func indexAt(data, needle []byte, k int) int {
	c := needle[k]
	for off := k; off < len(data); {
		i := bytes.IndexByte(data[off:], c)
		if i < 0 {
			return -1
		}
		p := off + i - k
		if p+len(needle) <= len(data) && bytes.Equal(data[p:p+len(needle)], needle) {
			return p
		}
		off += i + 1
	}
	return -1
}

// cutLine splits data after its first line; the line has no '\n'.
func cutLine(data []byte) (line, rest []byte) {
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return data[:i], data[i+1:]
	}
	return data, nil
}

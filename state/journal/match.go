package journal

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

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
	data, unmap, err := j.mapJournal()
	if err != nil {
		return err
	}
	defer unmap()
	// A mapped file cut short under the scan faults instead of reading
	// short; that is an unreadable journal, not a crash.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			re, ok := r.(runtime.Error)
			if !ok || !strings.Contains(re.Error(), "fault") {
				panic(r)
			}
			err = fmt.Errorf("read lane journal %s: %v", j.Path, r)
		}
	}()
	var keys [][]byte
	for _, n := range needles {
		if len(n) > 0 {
			keys = append(keys, n)
		}
	}
	emit := func(line []byte) {
		for _, k := range keys {
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
	first, k, rarest := keys[0], 0, -1
	freq := sampleFreq(data)
	for _, key := range keys {
		if i := anchor(&freq, key); rarest < 0 || freq[key[i]] < rarest {
			first, k, rarest = key, i, freq[key[i]]
		}
	}
	for off := 0; off < len(data); {
		i := indexAt(data[off:], first, k)
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

// sampleFreq counts the bytes of a sample of data: its first and last
// 32 KiB.
func sampleFreq(data []byte) (freq [256]int) {
	count := func(b []byte) {
		for _, c := range b {
			freq[c]++
		}
	}
	const sample = 32 << 10
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

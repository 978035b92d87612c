package journal

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
)

// MaxLine is the longest line the reader decodes, in bytes with its
// newline. A longer line is never held in memory: it streams through a
// digest and is kept as a bounded [Skipped] record. A writer never writes
// a line this long.
const MaxLine = 16 << 20

// readBuf is the line reader's buffer; a line longer than this is
// gathered (up to MaxLine) in a separate buffer.
const readBuf = 64 << 10

// rawLine is one line as the reader found it.
type rawLine struct {
	// idx is the 0-based line number; off the byte offset of its first
	// byte; next the offset just past it (past its '\n', if any).
	idx       int
	off, next int64
	// nl is true when the line ended with '\n' (not cut by end of file).
	nl bool
	// text is the line without '\n' and a trailing '\r'; valid until the
	// next call. nil for a line longer than MaxLine (long is set).
	text []byte
	// long is the bounded record of a line longer than MaxLine; blank
	// says such a line held only white space.
	long  *Skipped
	blank bool
}

// lineReader splits a journal on '\n' with bounded memory.
type lineReader struct {
	br      *bufio.Reader
	off     int64
	idx     int
	maxLine int
	acc     []byte
	line    rawLine
}

// newLineReader reads r, positioned at byte off and line index first;
// lines longer than maxLine are digested, not held.
func newLineReader(r io.Reader, off int64, first, maxLine int) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, readBuf), off: off, idx: first, maxLine: maxLine}
}

// next returns the next line, or io.EOF after the last.
func (lr *lineReader) next() (*rawLine, error) {
	l := &lr.line
	*l = rawLine{idx: lr.idx, off: lr.off}
	lr.acc = lr.acc[:0]
	var (
		n     int64
		piece []byte
		long  *longLine
	)
	for {
		chunk, err := lr.br.ReadSlice('\n')
		n += int64(len(chunk))
		switch {
		case long != nil:
			long.feed(chunk)
		case err == nil && len(lr.acc) == 0 && len(chunk) <= lr.maxLine:
			piece = chunk // the common case: the whole line in the buffer
		default:
			lr.acc = append(lr.acc, chunk...)
			if len(lr.acc) > lr.maxLine {
				long = &longLine{h: sha256.New()}
				long.feed(lr.acc)
				lr.acc = nil // let the big buffer go
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		if n == 0 {
			return nil, io.EOF
		}
		l.nl = err == nil
		break
	}
	lr.off += n
	lr.idx++
	l.next = lr.off
	if long != nil {
		l.long = &Skipped{Line: l.idx + 1, Offset: l.off, Length: long.n, SHA256: hex.EncodeToString(long.h.Sum(nil)),
			Prefix: escapePrefix(long.prefix), raw: string(long.prefix)}
		l.blank = !long.text
		return l, nil
	}
	if piece == nil {
		piece = lr.acc
	}
	if l.nl {
		piece = piece[:len(piece)-1]
	}
	if k := len(piece); k > 0 && piece[k-1] == '\r' {
		piece = piece[:k-1]
	}
	l.text = piece
	return l, nil
}

// longLine digests a line too long to hold, as it streams: the bytes of
// the line without its '\n' and a final '\r', as for a short line.
type longLine struct {
	h      hash.Hash
	n      int64
	cr     bool
	text   bool // a byte other than white space was seen
	prefix []byte
}

func (ll *longLine) feed(b []byte) {
	if ll.cr {
		ll.write([]byte{'\r'})
		ll.cr = false
	}
	if k := len(b); k > 0 && b[k-1] == '\n' {
		b = b[:k-1]
	}
	if k := len(b); k > 0 && b[k-1] == '\r' {
		b = b[:k-1]
		ll.cr = true
	}
	ll.write(b)
}

// write digests b and keeps the line's first keepRaw bytes.
func (ll *longLine) write(b []byte) {
	if !ll.text && len(bytes.TrimSpace(b)) > 0 {
		ll.text = true
	}
	ll.h.Write(b)
	ll.n += int64(len(b))
	if len(ll.prefix) < keepRaw {
		ll.prefix = append(ll.prefix, b[:min(len(b), keepRaw-len(ll.prefix))]...)
	}
}

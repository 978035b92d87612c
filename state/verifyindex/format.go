package verifyindex

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"slices"

	"github.com/dispatchos/dos/internal/lazy"
)

// The file layout, all integers little-endian:
//
//	header (64 bytes): magic, counts (n, t, r), tip, checksum, fingerprint,
//	                   and the sizes of text, tokens and postings (so that
//	                   opening a vouched-for index reads nothing past it)
//	hashes   n × 20      commit hashes in walk order (ordinal = position)
//	times    n × 8       committer times
//	trees    n × 20      root tree ids
//	parents  n × 4       first-parent ordinal, or noParent / unknownParent
//	textOff  (n+1) × 4   offsets into text; commit i's text is text[off[i]:off[i+1]]
//	sorted   n × 4       ordinals sorted by hash
//	tokOff   (t+1) × 4   offsets into tokens (tokens sorted)
//	postOff  (t+1) × 4   offsets into postings, in entries
//	reverts  r × 24      reverted hash and a reverting ordinal, sorted by hash then ordinal
//	text, tokens, postings (u32 ordinals, ascending per token)
//
// A commit's text is its subject, or subject + "\x00" + body when the body
// may be read by the stamp grammar.
const (
	magic      = "DOSVIX04"
	headerSize = 64
)

var crcTable = lazy.Value[*crc32.Table]{New: func() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) }}

// ErrCorrupt is returned for a file that fails its structure or checksum.
var ErrCorrupt = errors.New("verify index: corrupt")

// Index is a decoded view over the index bytes; it copies nothing.
type Index struct {
	buf         []byte
	n, t, r     int
	Tip         [20]byte
	Fingerprint uint32
	hashes      []byte
	times       []byte
	trees       []byte
	parents     []byte
	textOff     []byte
	sorted      []byte
	tokOff      []byte
	postOff     []byte
	reverts     []byte
	text        []byte
	tokens      []byte
	postings    []byte
}

// Len is the number of commits in the index.
func (x *Index) Len() int { return x.n }

// Hash is commit i's hash.
func (x *Index) Hash(i int) (h [20]byte) {
	copy(h[:], x.hashes[i*20:])
	return h
}

// Time is commit i's committer time.
func (x *Index) Time(i int) int64 { return int64(binary.LittleEndian.Uint64(x.times[i*8:])) }

// Sentinels in the parents section.
const (
	// noParent marks a root commit (or the boundary of a shallow clone).
	noParent = ^uint32(0)
	// unknownParent marks a first parent git named that the index does
	// not hold.
	unknownParent = ^uint32(0) - 1
)

// emptyTree is the id of git's empty tree, a root commit's "parent tree".
var emptyTree = [20]byte{0x4b, 0x82, 0x5d, 0xc6, 0x42, 0xcb, 0x6e, 0xb9, 0xa0, 0x60,
	0xe5, 0x4b, 0xf8, 0xd6, 0x92, 0x88, 0xfb, 0xee, 0x49, 0x04}

// Trees returns commit i's root tree and its first parent's (git's empty
// tree for a root commit), as git reported them when the index was built.
// ok is false when the parent's tree is not known.
func (x *Index) Trees(i int) (tree, parentTree [20]byte, ok bool) {
	copy(tree[:], x.trees[i*20:])
	p := binary.LittleEndian.Uint32(x.parents[i*4:])
	switch {
	case p == noParent:
		return tree, emptyTree, true
	case p >= uint32(x.n):
		return tree, parentTree, false
	}
	copy(parentTree[:], x.trees[p*20:])
	return tree, parentTree, true
}

// Text returns commit i's subject and, when stored, its body.
func (x *Index) Text(i int) (subject, body string) {
	a := binary.LittleEndian.Uint32(x.textOff[i*4:])
	b := binary.LittleEndian.Uint32(x.textOff[i*4+4:])
	if a > b || int(b) > len(x.text) {
		return "", "" // only a forged index with a valid checksum gets here
	}
	s := x.text[a:b]
	if j := bytes.IndexByte(s, 0); j >= 0 {
		return string(s[:j]), string(s[j+1:])
	}
	return string(s), ""
}

func (x *Index) token(j int) []byte {
	a := binary.LittleEndian.Uint32(x.tokOff[j*4:])
	b := binary.LittleEndian.Uint32(x.tokOff[j*4+4:])
	if a > b || int(b) > len(x.tokens) {
		return nil
	}
	return x.tokens[a:b]
}

// postingRange returns where token's postings lie (in entries).
func (x *Index) postingRange(token string) (a, b int, ok bool) {
	lo, hi := 0, x.t
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if string(x.token(m)) < token {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo >= x.t || string(x.token(lo)) != token {
		return 0, 0, false
	}
	le := binary.LittleEndian
	a, b = int(le.Uint32(x.postOff[lo*4:])), int(le.Uint32(x.postOff[lo*4+4:]))
	if a > b || b > len(x.postings)/4 {
		return 0, 0, false
	}
	return a, b, true
}

// posting returns the k-th posting; a value out of range (a forged index)
// reads as commit 0 rather than faulting.
func (x *Index) posting(k int) uint32 {
	v := binary.LittleEndian.Uint32(x.postings[k*4:])
	if v >= uint32(x.n) {
		return 0
	}
	return v
}

// Intersect returns the ordinals of the commits whose text holds every one
// of tokens, ascending. It walks the shortest posting list and looks each
// entry up in the others by binary search, so a common token costs nothing
// beyond its lookups.
func (x *Index) Intersect(tokens []string) []uint32 {
	type span struct{ a, b int }
	spans := make([]span, 0, len(tokens))
	for _, tk := range tokens {
		a, b, ok := x.postingRange(tk)
		if !ok {
			return nil
		}
		spans = append(spans, span{a, b})
	}
	if len(spans) == 0 {
		return nil
	}
	slices.SortFunc(spans, func(p, q span) int { return (p.b - p.a) - (q.b - q.a) })
	var out []uint32
	for k := spans[0].a; k < spans[0].b; k++ {
		v := x.posting(k)
		all := true
		for _, s := range spans[1:] {
			lo, hi := s.a, s.b
			for lo < hi {
				m := int(uint(lo+hi) >> 1)
				if x.posting(m) < v {
					lo = m + 1
				} else {
					hi = m
				}
			}
			if lo >= s.b || x.posting(lo) != v {
				all = false
				break
			}
		}
		if all {
			out = append(out, v)
		}
	}
	return out
}

// sortedAt returns the ordinal at position k of the hash-sorted order.
func (x *Index) sortedAt(k int) int {
	v := binary.LittleEndian.Uint32(x.sorted[k*4:])
	if v >= uint32(x.n) {
		return 0
	}
	return int(v)
}

// FindPrefix returns the ordinals of commits whose hex hash starts with
// prefix (lower-case hex, any length from 1 to 40).
func (x *Index) FindPrefix(prefix string) []int {
	lo, hi := 0, x.n
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if hexOf(x.Hash(x.sortedAt(m)))[:min(len(prefix), 40)] < prefix {
			lo = m + 1
		} else {
			hi = m
		}
	}
	var out []int
	for k := lo; k < x.n; k++ {
		o := x.sortedAt(k)
		if hexOf(x.Hash(o))[:min(len(prefix), 40)] != prefix {
			break
		}
		out = append(out, o)
	}
	return out
}

// Abbrev returns the shortest prefix of commit i's hash, at least 7 hex
// digits, that no other indexed commit shares.
func (x *Index) Abbrev(i int) string {
	raw := x.Hash(i)
	h := hexOf(raw)
	lo := x.sortedPos(raw)
	need := 7
	for _, nb := range []int{lo - 1, lo + 1} {
		if nb < 0 || nb >= x.n {
			continue
		}
		o := hexOf(x.Hash(x.sortedAt(nb)))
		c := 0
		for c < 40 && o[c] == h[c] {
			c++
		}
		need = max(need, c+1)
	}
	return h[:min(need, 40)]
}

// maxInterpolations bounds the interpolating probes of [Index.sortedPos];
// it bisects after them.
const maxInterpolations = 8

// sortedPos returns the first position of the hash-sorted order whose hash
// is not below raw. Hashes are spread evenly over their range, so it
// interpolates where raw should lie instead of bisecting: each probe reads
// a page of the hashes that a warm verify touches for nothing else, and
// about four probes replace the seventeen of a binary search over 100,000
// commits. After maxInterpolations probes it bisects, so an index whose
// hashes are not spread evenly (only a forged one) costs at most a binary
// search more. On sorted hashes the answer is the binary search's.
func (x *Index) sortedPos(raw [20]byte) int {
	key := float64(binary.BigEndian.Uint64(raw[:8]))
	lo, hi := 0, x.n
	// Every hash before lo is below raw and every hash from hi on is not;
	// kLo and kHi are the first 8 bytes of the hashes just outside.
	kLo, kHi := 0.0, 0x1p64
	for probes := 0; lo < hi; probes++ {
		m := int(uint(lo+hi) >> 1)
		if probes < maxInterpolations {
			f := (key - kLo) / (kHi - kLo)
			if !(f >= 0) { // negative, or NaN when the bounds meet
				f = 0
			}
			m = min(lo+int(min(f, 1)*float64(hi-lo)), hi-1)
		}
		o := x.sortedAt(m)
		h := x.hashes[o*20 : o*20+20]
		if bytes.Compare(h, raw[:]) < 0 {
			lo, kLo = m+1, float64(binary.BigEndian.Uint64(h))
		} else {
			hi, kHi = m, float64(binary.BigEndian.Uint64(h))
		}
	}
	return lo
}

// Reverters returns the ordinals of the commits that revert hash h, in
// walk order (newest first).
func (x *Index) Reverters(h [20]byte) []int {
	lo, hi := 0, x.r
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if bytes.Compare(x.reverts[m*24:m*24+20], h[:]) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	var out []int
	for ; lo < x.r && bytes.Equal(x.reverts[lo*24:lo*24+20], h[:]); lo++ {
		if o := binary.LittleEndian.Uint32(x.reverts[lo*24+20:]); o < uint32(x.n) {
			out = append(out, int(o))
		}
	}
	return out
}

// Bytes returns the encoded index.
func (x *Index) Bytes() []byte { return x.buf }

// Decode checks and wraps an encoded index. It copies nothing: buf must
// not change afterwards.
func Decode(buf []byte) (*Index, error) { return decode(buf, true) }

// decode wraps buf; check=false skips the checksum, for an index this
// process has just built. The checksum guards against damage; the
// accessors are bounds-safe on their own, so even a forged index with a
// valid checksum cannot make a read fault.
func decode(buf []byte, check bool) (*Index, error) {
	if len(buf) < headerSize || string(buf[:8]) != magic {
		return nil, fmt.Errorf("%w: bad header", ErrCorrupt)
	}
	le := binary.LittleEndian
	x := &Index{buf: buf}
	x.n, x.t, x.r = int(le.Uint32(buf[8:])), int(le.Uint32(buf[12:])), int(le.Uint32(buf[16:]))
	copy(x.Tip[:], buf[20:40])
	sum := le.Uint32(buf[40:])
	x.Fingerprint = le.Uint32(buf[44:])
	if check && crc32.Checksum(buf[headerSize:], crcTable.Get()) != sum {
		return nil, fmt.Errorf("%w: checksum mismatch", ErrCorrupt)
	}
	rest := buf[headerSize:]
	take := func(size int) ([]byte, bool) {
		if size < 0 || size > len(rest) {
			return nil, false
		}
		s := rest[:size:size]
		rest = rest[size:]
		return s, true
	}
	var ok [9]bool
	x.hashes, ok[0] = take(x.n * 20)
	x.times, ok[1] = take(x.n * 8)
	x.trees, ok[7] = take(x.n * 20)
	x.parents, ok[8] = take(x.n * 4)
	x.textOff, ok[2] = take((x.n + 1) * 4)
	x.sorted, ok[3] = take(x.n * 4)
	x.tokOff, ok[4] = take((x.t + 1) * 4)
	x.postOff, ok[5] = take((x.t + 1) * 4)
	x.reverts, ok[6] = take(x.r * 24)
	for _, o := range ok {
		if !o {
			return nil, fmt.Errorf("%w: truncated", ErrCorrupt)
		}
	}
	// The last offsets of textOff, tokOff and postOff are the sizes the
	// header repeats. A checked read holds the two together; an index whose
	// sidecar vouches for it is taken at the header's word, so opening it
	// touches no page past the header.
	textLen, tokLen, postLen := le.Uint32(buf[48:]), le.Uint32(buf[52:]), le.Uint32(buf[56:])
	if check && (le.Uint32(x.textOff[x.n*4:]) != textLen || le.Uint32(x.tokOff[x.t*4:]) != tokLen || le.Uint32(x.postOff[x.t*4:]) != postLen) {
		return nil, fmt.Errorf("%w: section sizes disagree with the header", ErrCorrupt)
	}
	var ok2 [3]bool
	x.text, ok2[0] = take(int(textLen))
	x.tokens, ok2[1] = take(int(tokLen))
	x.postings, ok2[2] = take(int(postLen) * 4)
	if !ok2[0] || !ok2[1] || !ok2[2] || len(rest) != 0 {
		return nil, fmt.Errorf("%w: bad section sizes", ErrCorrupt)
	}
	return x, nil
}

// putHeader fills the header of an encoded index whose sections follow it,
// checksum last.
func putHeader(buf []byte, n, t, r int, tip [20]byte, fingerprint, textLen, tokLen, postLen uint32) {
	le := binary.LittleEndian
	copy(buf[0:8], magic)
	le.PutUint32(buf[8:], uint32(n))
	le.PutUint32(buf[12:], uint32(t))
	le.PutUint32(buf[16:], uint32(r))
	copy(buf[20:40], tip[:])
	le.PutUint32(buf[44:], fingerprint)
	le.PutUint32(buf[48:], textLen)
	le.PutUint32(buf[52:], tokLen)
	le.PutUint32(buf[56:], postLen)
	le.PutUint32(buf[40:], crc32.Checksum(buf[headerSize:], crcTable.Get()))
}

const hexDigits = "0123456789abcdef"

func hexOf(h [20]byte) string {
	var b [40]byte
	for i, c := range h {
		b[i*2] = hexDigits[c>>4]
		b[i*2+1] = hexDigits[c&15]
	}
	return string(b[:])
}

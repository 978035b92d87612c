package verifyindex

import (
	"bytes"
	"encoding/binary"
)

// Extend returns the index of tip whose history is fresh's commits (the
// newer ones, newest first) followed by base's. It merges the two encoded
// indexes section by section instead of re-reading and re-tokenizing the
// whole history, so following a branch that moved by a few commits costs
// a linear copy, not a rebuild. The result is byte-for-byte the index
// Build would make of all the commits (a test holds the two together).
func Extend(base *Index, fresh *Builder, tip [20]byte, fingerprint uint32) *Index {
	f := fresh.Build(tip, fingerprint)
	k, n := f.n, f.n+base.n
	le := binary.LittleEndian
	buf := make([]byte, headerSize, len(f.buf)+len(base.buf))

	buf = append(buf, f.hashes...)
	buf = append(buf, base.hashes...)
	buf = append(buf, f.times...)
	buf = append(buf, base.times...)
	buf = append(buf, f.trees...)
	buf = append(buf, base.trees...)
	buf = appendParents(buf, f, base, fresh)
	buf = append(buf, f.textOff[:k*4]...)
	shift := uint32(len(f.text))
	for i := 0; i <= base.n; i++ {
		buf = le.AppendUint32(buf, le.Uint32(base.textOff[i*4:])+shift)
	}
	buf = mergeSorted(buf, f, base)
	toks, tokOff, postOff, postings := mergeTokens(f, base)
	buf = append(buf, tokOff...)
	buf = append(buf, postOff...)
	revs, nrev := mergeReverts(f, base)
	buf = append(buf, revs...)
	buf = append(buf, f.text...)
	buf = append(buf, base.text...)
	buf = append(buf, toks...)
	buf = append(buf, postings...)

	putHeader(buf, n, len(tokOff)/4-1, nrev, tip, fingerprint,
		uint32(len(f.text)+len(base.text)), uint32(len(toks)), uint32(len(postings)/4))
	x, err := decode(buf, false)
	if err != nil {
		panic("verifyindex: extended an index that does not decode: " + err.Error())
	}
	return x
}

// appendParents appends the first-parent ordinals of both indexes: a fresh
// commit whose parent is in base (fresh alone could not place it) is
// resolved there, and base's ordinals shift past fresh's commits.
func appendParents(buf []byte, f, base *Index, fresh *Builder) []byte {
	le := binary.LittleEndian
	k := uint32(f.n)
	for i := range f.n {
		p := le.Uint32(f.parents[i*4:])
		if p == unknownParent {
			if o := base.FindPrefix(hexOf(fresh.commits[i].Parent)); len(o) == 1 {
				p = uint32(o[0]) + k
			}
		}
		buf = le.AppendUint32(buf, p)
	}
	for i := range base.n {
		p := le.Uint32(base.parents[i*4:])
		if p < unknownParent {
			p += k
		}
		buf = le.AppendUint32(buf, p)
	}
	return buf
}

// mergeSorted appends the hash-sorted ordinals of both indexes, base's
// shifted past fresh's commits.
func mergeSorted(buf []byte, f, base *Index) []byte {
	le := binary.LittleEndian
	k := uint32(f.n)
	i, j := 0, 0
	for i < f.n || j < base.n {
		if j >= base.n || (i < f.n && bytes.Compare(f.hashes[f.sortedAt(i)*20:f.sortedAt(i)*20+20],
			base.hashes[base.sortedAt(j)*20:base.sortedAt(j)*20+20]) < 0) {
			buf = le.AppendUint32(buf, uint32(f.sortedAt(i)))
			i++
		} else {
			buf = le.AppendUint32(buf, uint32(base.sortedAt(j))+k)
			j++
		}
	}
	return buf
}

// mergeTokens merges the two sorted token tables; a token in both gets
// fresh's postings followed by base's, shifted.
func mergeTokens(f, base *Index) (toks, tokOff, postOff, postings []byte) {
	le := binary.LittleEndian
	k := uint32(f.n)
	var tokLen, np uint32
	emit := func(tok []byte, fromF, fromB bool, fi, bi int) {
		tokOff = le.AppendUint32(tokOff, tokLen)
		postOff = le.AppendUint32(postOff, np)
		toks = append(toks, tok...)
		tokLen += uint32(len(tok))
		if fromF {
			a, b := f.postingSpan(fi)
			postings = append(postings, f.postings[a*4:b*4]...)
			np += uint32(b - a)
		}
		if fromB {
			a, b := base.postingSpan(bi)
			for p := a; p < b; p++ {
				postings = le.AppendUint32(postings, le.Uint32(base.postings[p*4:])+k)
			}
			np += uint32(b - a)
		}
	}
	i, j := 0, 0
	for i < f.t || j < base.t {
		switch {
		case j >= base.t:
			emit(f.token(i), true, false, i, 0)
			i++
		case i >= f.t:
			emit(base.token(j), false, true, 0, j)
			j++
		default:
			switch c := bytes.Compare(f.token(i), base.token(j)); {
			case c < 0:
				emit(f.token(i), true, false, i, 0)
				i++
			case c > 0:
				emit(base.token(j), false, true, 0, j)
				j++
			default:
				emit(f.token(i), true, true, i, j)
				i, j = i+1, j+1
			}
		}
	}
	tokOff = le.AppendUint32(tokOff, tokLen)
	postOff = le.AppendUint32(postOff, np)
	return toks, tokOff, postOff, postings
}

// mergeReverts merges the revert tables by reverted hash; when both hold
// edges to the same commit, fresh's (the newer ordinals) come first, so
// the order is (hash, ordinal) as Build writes it.
func mergeReverts(f, base *Index) ([]byte, int) {
	le := binary.LittleEndian
	k := uint32(f.n)
	var out []byte
	n := 0
	i, j := 0, 0
	for i < f.r || j < base.r {
		var c int
		switch {
		case j >= base.r:
			c = -1
		case i >= f.r:
			c = 1
		default:
			c = bytes.Compare(f.reverts[i*24:i*24+20], base.reverts[j*24:j*24+20])
		}
		if c <= 0 {
			out = append(out, f.reverts[i*24:i*24+24]...)
			i++
		} else {
			out = append(out, base.reverts[j*24:j*24+20]...)
			out = le.AppendUint32(out, le.Uint32(base.reverts[j*24+20:])+k)
			j++
		}
		n++
	}
	return out, n
}

// postingSpan is token j's posting range, in entries.
func (x *Index) postingSpan(j int) (a, b int) {
	le := binary.LittleEndian
	return int(le.Uint32(x.postOff[j*4:])), int(le.Uint32(x.postOff[j*4+4:]))
}

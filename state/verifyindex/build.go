package verifyindex

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"slices"
	"strings"
)

// Commit is one commit handed to [Build].
type Commit struct {
	Hash    [20]byte
	Time    int64
	Subject string
	// Body is stored and indexed only when the stamp grammar may read it.
	Body string
	// Reverts lists the commits this one says it reverts.
	Reverts [][20]byte
}

// Build encodes commits (in walk order, newest first) as an index for tip.
// tokens splits a text into index tokens; fingerprint records which
// grammar decided the stored bodies.
func Build(tip [20]byte, fingerprint uint32, commits []Commit, tokens func(string) []string) *Index {
	n := len(commits)
	post := make(map[string][]uint32, n)
	var text bytes.Buffer
	textOff := make([]uint32, 0, n+1)
	type rev struct {
		h [20]byte
		o uint32
	}
	var revs []rev
	for i, c := range commits {
		textOff = append(textOff, uint32(text.Len()))
		text.WriteString(c.Subject)
		add := func(s string) {
			for _, tk := range tokens(s) {
				p := post[tk]
				if len(p) == 0 || p[len(p)-1] != uint32(i) {
					post[tk] = append(p, uint32(i))
				}
			}
		}
		add(c.Subject)
		if c.Body != "" {
			text.WriteByte(0)
			text.WriteString(strings.ReplaceAll(c.Body, "\x00", ""))
			add(c.Body)
		}
		for _, r := range c.Reverts {
			revs = append(revs, rev{r, uint32(i)})
		}
	}
	textOff = append(textOff, uint32(text.Len()))
	toks := make([]string, 0, len(post))
	for tk := range post {
		toks = append(toks, tk)
	}
	slices.Sort(toks)
	// Keep the newest reverting commit per reverted hash.
	slices.SortStableFunc(revs, func(a, b rev) int { return bytes.Compare(a.h[:], b.h[:]) })
	revs = slices.CompactFunc(revs, func(a, b rev) bool { return a.h == b.h })
	sorted := make([]uint32, n)
	for i := range sorted {
		sorted[i] = uint32(i)
	}
	slices.SortFunc(sorted, func(a, b uint32) int { return bytes.Compare(commits[a].Hash[:], commits[b].Hash[:]) })

	var out bytes.Buffer
	out.Grow(headerSize + n*40 + text.Len() + len(toks)*16)
	out.Write(make([]byte, headerSize))
	le := binary.LittleEndian
	u32 := func(v uint32) { out.Write(le.AppendUint32(nil, v)) }
	for _, c := range commits {
		out.Write(c.Hash[:])
	}
	for _, c := range commits {
		out.Write(le.AppendUint64(nil, uint64(c.Time)))
	}
	for _, o := range textOff {
		u32(o)
	}
	for _, o := range sorted {
		u32(o)
	}
	var tokBlob bytes.Buffer
	for _, tk := range toks {
		u32(uint32(tokBlob.Len()))
		tokBlob.WriteString(tk)
	}
	u32(uint32(tokBlob.Len()))
	var np uint32
	for _, tk := range toks {
		u32(np)
		np += uint32(len(post[tk]))
	}
	u32(np)
	for _, r := range revs {
		out.Write(r.h[:])
		u32(r.o)
	}
	out.Write(text.Bytes())
	out.Write(tokBlob.Bytes())
	for _, tk := range toks {
		for _, o := range post[tk] {
			u32(o)
		}
	}
	buf := out.Bytes()
	copy(buf[0:8], magic)
	le.PutUint32(buf[8:], uint32(n))
	le.PutUint32(buf[12:], uint32(len(toks)))
	le.PutUint32(buf[16:], uint32(len(revs)))
	copy(buf[20:40], tip[:])
	le.PutUint32(buf[44:], fingerprint)
	le.PutUint32(buf[40:], crc32.Checksum(buf[headerSize:], crcTable))
	x, err := Decode(buf)
	if err != nil {
		panic("verifyindex: built an index that does not decode: " + err.Error())
	}
	return x
}

// Commits decodes every commit back out of the index, for an incremental
// rebuild on top of it.
func (x *Index) Commits() []Commit {
	out := make([]Commit, x.n)
	for i := range out {
		s, b := x.Text(i)
		out[i] = Commit{Hash: x.Hash(i), Time: x.Time(i), Subject: s, Body: b}
	}
	for k := 0; k < x.r; k++ {
		var h [20]byte
		copy(h[:], x.reverts[k*24:])
		o := binary.LittleEndian.Uint32(x.reverts[k*24+20:])
		out[o].Reverts = append(out[o].Reverts, h)
	}
	return out
}

package verifyindex

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
	"sync"
)

// Commit is one commit handed to a [Builder].
type Commit struct {
	Hash    [20]byte
	Time    int64
	Subject string
	// Body is stored and indexed only when the stamp grammar may read it.
	Body string
	// Reverts lists the commits this one says it reverts.
	Reverts [][20]byte
	// Tree is the commit's root tree, and Parent its first parent (zero
	// for a root commit), as git reported them.
	Tree, Parent [20]byte
}

// Builder accumulates commits in walk order (newest first) and encodes the
// index. Tokens are maximal runs of ASCII letters and digits, lowercased:
// the same split as stamp.Tokens (a test holds the two together), done here
// without allocating per token because the cold path tokenizes the whole
// history.
type Builder struct {
	commits []Commit
	post    map[string][]uint32
	scratch []byte
}

// NewBuilder returns an empty builder sized for about n commits.
func NewBuilder(n int) *Builder {
	return &Builder{commits: make([]Commit, 0, n), post: make(map[string][]uint32, n)}
}

// Add appends the next (older) commit.
func (b *Builder) Add(c Commit) {
	i := uint32(len(b.commits))
	b.commits = append(b.commits, c)
	b.tokenize(c.Subject, i)
	if c.Body != "" {
		b.tokenize(c.Body, i)
	}
}

func (b *Builder) tokenize(s string, ord uint32) {
	for i := 0; i < len(s); {
		c := s[i]
		if !isTokenByte(c) {
			i++
			continue
		}
		b.scratch = b.scratch[:0]
		for ; i < len(s) && isTokenByte(s[i]); i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.scratch = append(b.scratch, c)
		}
		p, ok := b.post[string(b.scratch)]
		if !ok {
			b.post[string(b.scratch)] = []uint32{ord}
			continue
		}
		if p[len(p)-1] != ord {
			b.post[string(b.scratch)] = append(p, ord)
		}
	}
}

func isTokenByte(c byte) bool {
	return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
}

// Build encodes the commits added so far as the index of tip.
func (b *Builder) Build(tip [20]byte, fingerprint uint32) *Index {
	commits := b.commits
	n := len(commits)
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
		if c.Body != "" {
			text.WriteByte(0)
			text.WriteString(strings.ReplaceAll(c.Body, "\x00", ""))
		}
		for _, r := range c.Reverts {
			revs = append(revs, rev{r, uint32(i)})
		}
	}
	textOff = append(textOff, uint32(text.Len()))
	// The hash sort runs beside the token sort.
	toks := make([]string, 0, len(b.post))
	for tk := range b.post {
		toks = append(toks, tk)
	}
	sorted := make([]uint32, n)
	for i := range sorted {
		sorted[i] = uint32(i)
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		slices.SortFunc(sorted, func(a, b uint32) int { return bytes.Compare(commits[a].Hash[:], commits[b].Hash[:]) })
	}()
	slices.Sort(toks)
	wg.Wait()
	parents := make([]uint32, n)
	for i, c := range commits {
		parents[i] = b.parentOrdinal(c.Parent, sorted)
	}
	// Every revert edge is kept, sorted by reverted hash and then by the
	// reverting ordinal (walk order): whether a revert still refutes
	// depends on whether it was itself reverted, so no edge may be dropped.
	slices.SortStableFunc(revs, func(a, b rev) int { return bytes.Compare(a.h[:], b.h[:]) })

	le := binary.LittleEndian
	size := headerSize + n*20 + n*8 + n*24 + (n+1)*4 + n*4 + 2*(len(toks)+1)*4 + len(revs)*24 + text.Len()
	buf := make([]byte, headerSize, size+len(toks)*8+n*40)
	for _, c := range commits {
		buf = append(buf, c.Hash[:]...)
	}
	for _, c := range commits {
		buf = le.AppendUint64(buf, uint64(c.Time))
	}
	for _, c := range commits {
		buf = append(buf, c.Tree[:]...)
	}
	for _, p := range parents {
		buf = le.AppendUint32(buf, p)
	}
	for _, o := range textOff {
		buf = le.AppendUint32(buf, o)
	}
	for _, o := range sorted {
		buf = le.AppendUint32(buf, o)
	}
	var tokLen uint32
	for _, tk := range toks {
		buf = le.AppendUint32(buf, tokLen)
		tokLen += uint32(len(tk))
	}
	buf = le.AppendUint32(buf, tokLen)
	var np uint32
	for _, tk := range toks {
		buf = le.AppendUint32(buf, np)
		np += uint32(len(b.post[tk]))
	}
	buf = le.AppendUint32(buf, np)
	for _, r := range revs {
		buf = append(buf, r.h[:]...)
		buf = le.AppendUint32(buf, r.o)
	}
	buf = append(buf, text.Bytes()...)
	for _, tk := range toks {
		buf = append(buf, tk...)
	}
	for _, tk := range toks {
		for _, o := range b.post[tk] {
			buf = le.AppendUint32(buf, o)
		}
	}
	putHeader(buf, n, len(toks), len(revs), tip, fingerprint, uint32(text.Len()), tokLen, np)
	x, err := decode(buf, false)
	if err != nil {
		panic("verifyindex: built an index that does not decode: " + err.Error())
	}
	return x
}

// parentOrdinal finds the first parent among the builder's commits
// (sorted holds their ordinals in hash order): noParent for a root
// commit, unknownParent when git named a parent the builder does not hold.
func (b *Builder) parentOrdinal(p [20]byte, sorted []uint32) uint32 {
	if p == ([20]byte{}) {
		return noParent
	}
	k, found := slices.BinarySearchFunc(sorted, p, func(o uint32, h [20]byte) int {
		return bytes.Compare(b.commits[o].Hash[:], h[:])
	})
	if !found {
		return unknownParent
	}
	return sorted[k]
}

// Build encodes commits (in walk order, newest first) as the index of tip.
func Build(tip [20]byte, fingerprint uint32, commits []Commit) *Index {
	b := NewBuilder(len(commits))
	for _, c := range commits {
		b.Add(c)
	}
	return b.Build(tip, fingerprint)
}

package verifyindex

import (
	"bytes"
	"crypto/sha1"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"slices"
	"strings"
	"testing"

	"github.com/dispatchos/dos/kernel/stamp"
)

func testCommits(n int) []Commit {
	out := make([]Commit, n)
	for i := range out {
		out[i] = Commit{
			Hash:    sha1.Sum(fmt.Appendf(nil, "c%d", i)),
			Time:    int64(1000 + n - i),
			Subject: fmt.Sprintf("AUTH%d: change %d", i%10, i),
			Tree:    sha1.Sum(fmt.Appendf(nil, "t%d", i/2)), // pairs share a tree: every other commit is empty
		}
	}
	for i := range n - 1 {
		out[i].Parent = out[i+1].Hash
	}
	out[3].Body = "body mentions RELEASE7"
	out[1].Reverts = [][20]byte{out[5].Hash}
	return out
}

func TestBuildDecodeRoundTrip(t *testing.T) {
	cs := testCommits(50)
	x := Build(cs[0].Hash, 42, cs)
	y, err := Decode(slices.Clone(x.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if y.Len() != 50 || y.Fingerprint != 42 || y.Tip != cs[0].Hash {
		t.Fatalf("header: len %d fp %d", y.Len(), y.Fingerprint)
	}
	for i, c := range cs {
		s, b := y.Text(i)
		if s != c.Subject || b != c.Body || y.Time(i) != c.Time || y.Hash(i) != c.Hash {
			t.Fatalf("commit %d does not round-trip", i)
		}
	}
	if got := y.Intersect([]string{"auth3"}); !slices.Equal(got, []uint32{3, 13, 23, 33, 43}) {
		t.Fatalf("postings auth3 = %v", got)
	}
	if got := y.Intersect([]string{"release7"}); !slices.Equal(got, []uint32{3}) {
		t.Fatalf("body token postings = %v", got)
	}
	if got := y.Intersect([]string{"nosuch"}); got != nil {
		t.Fatalf("absent token has postings %v", got)
	}
	if by := y.Reverters(cs[5].Hash); !slices.Equal(by, []int{1}) {
		t.Fatalf("Reverters = %v", by)
	}
	if by := y.Reverters(cs[6].Hash); by != nil {
		t.Fatalf("commit 6 is not reverted, Reverters = %v", by)
	}
}

// Trees reports each commit's tree and its first parent's, as stored.
func TestTrees(t *testing.T) {
	cs := testCommits(10)
	cs[4].Parent = sha1.Sum([]byte("not in the index"))
	x := Build(cs[0].Hash, 0, cs)
	for i, c := range cs {
		tree, parent, ok := x.Trees(i)
		switch {
		case i == 4:
			if ok {
				t.Fatalf("commit 4's parent is not indexed, Trees ok")
			}
		case i == 9:
			if !ok || tree != c.Tree || parent != emptyTree {
				t.Fatalf("root commit: %x %x %v", tree, parent, ok)
			}
		default:
			if !ok || tree != c.Tree || parent != cs[i+1].Tree {
				t.Fatalf("commit %d: %x %x %v", i, tree, parent, ok)
			}
		}
	}
}

// Every revert edge survives the build: a commit reverted twice (on two
// branches, say) keeps both reverters, newest first, because whether it
// is refuted depends on whether each of them was reverted in turn.
func TestRevertersKeepsEveryEdge(t *testing.T) {
	cs := testCommits(20)
	cs[1].Reverts = [][20]byte{cs[9].Hash}
	cs[4].Reverts = [][20]byte{cs[9].Hash, cs[12].Hash}
	cs[7].Reverts = [][20]byte{cs[9].Hash}
	x := Build(cs[0].Hash, 0, cs)
	if by := x.Reverters(cs[9].Hash); !slices.Equal(by, []int{1, 4, 7}) {
		t.Fatalf("Reverters(9) = %v, want [1 4 7]", by)
	}
	if by := x.Reverters(cs[12].Hash); !slices.Equal(by, []int{4}) {
		t.Fatalf("Reverters(12) = %v, want [4]", by)
	}
}

// A message that names the same commit twice is one edge.
func TestFromMessageDedupesReverts(t *testing.T) {
	h := "0123456789abcdef0123456789abcdef01234567"
	c := FromMessage([20]byte{1}, 0, "Revert x\n\nThis reverts commit "+h+".\nThis reverts commit "+h+".\n", stamp.Convention{})
	if len(c.Reverts) != 1 {
		t.Fatalf("Reverts = %d edges, want 1", len(c.Reverts))
	}
}

func TestFindPrefixAndAbbrev(t *testing.T) {
	cs := testCommits(2000)
	x := Build(cs[0].Hash, 0, cs)
	for i := range cs {
		h := hexOf(x.Hash(i))
		if got := x.FindPrefix(h); !slices.Equal(got, []int{i}) {
			t.Fatalf("FindPrefix(full %d) = %v", i, got)
		}
		a := x.Abbrev(i)
		if len(a) < 7 || !strings.HasPrefix(h, a) {
			t.Fatalf("Abbrev(%d) = %q", i, a)
		}
		if got := x.FindPrefix(a); !slices.Equal(got, []int{i}) {
			t.Fatalf("abbrev %q of %d is not unique: %v", a, i, got)
		}
		// One digit shorter must be ambiguous unless already at the floor.
		if len(a) > 7 && len(x.FindPrefix(a[:len(a)-1])) < 2 {
			t.Fatalf("Abbrev(%d) = %q is longer than needed", i, a)
		}
	}
	if len(x.FindPrefix("0")) == 0 {
		t.Fatal("a one-digit prefix should match some of 2000 hashes")
	}
}

func TestDecodeRejectsCorruption(t *testing.T) {
	good := Build([20]byte{1}, 0, testCommits(30)).Bytes()
	for _, at := range []int{0, 9, 41, 49, 53, 57, headerSize + 5, len(good) / 2, len(good) - 1} {
		bad := slices.Clone(good)
		bad[at] ^= 0xff
		if _, err := Decode(bad); !errors.Is(err, ErrCorrupt) {
			t.Errorf("byte %d flipped: Decode err = %v, want ErrCorrupt", at, err)
		}
	}
	if _, err := Decode(good[:len(good)-3]); !errors.Is(err, ErrCorrupt) {
		t.Error("truncated index decoded")
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(Build([20]byte{1}, 0, testCommits(8)).Bytes())
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, b []byte) {
		// Skip the checksum so the fuzzer reaches the structure: the
		// accessors must be safe on any bytes that pass the size checks.
		x, err := decode(b, false)
		if err != nil {
			return
		}
		x.Intersect([]string{"a", "b"})
		x.FindPrefix("0")
		x.Reverters([20]byte{})
		for i := range x.Len() {
			x.Trees(i)
		}
		// Anything that decodes must be safe to read everywhere.
		for i := range x.Len() {
			x.Text(i)
			x.Abbrev(i)
		}
		x.Intersect([]string{"a"})
	})
}

// The builder's own tokenizer must split exactly like stamp.Tokens, which
// the query side uses (style: a fast path checked against the plain one).
func FuzzTokenizerMatchesStamp(f *testing.F) {
	for _, s := range []string{"AUTH1: ship it", "docs/77: P3 — x", "ÀB9c d\x00e", "v1.2.3: x-y_z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := NewBuilder(1)
		b.Add(Commit{Subject: s})
		var got []string
		for tk := range b.post {
			got = append(got, tk)
		}
		slices.Sort(got)
		want := slices.Clone(stamp.Tokens(s))
		slices.Sort(want)
		want = slices.Compact(want)
		if !slices.Equal(got, want) {
			t.Fatalf("tokens of %q: builder %v, stamp %v", s, got, want)
		}
	})
}

func TestIntersect(t *testing.T) {
	cs := testCommits(100)
	x := Build(cs[0].Hash, 0, cs)
	got := x.Intersect([]string{"auth3", "change", "53"})
	if !slices.Equal(got, []uint32{53}) {
		t.Fatalf("Intersect = %v", got)
	}
	if got := x.Intersect([]string{"auth3", "nosuch"}); got != nil {
		t.Fatalf("with an absent token: %v", got)
	}
	if got := x.Intersect([]string{"auth3"}); !slices.Equal(got, []uint32{3, 13, 23, 33, 43, 53, 63, 73, 83, 93}) {
		t.Fatalf("one token: %v", got)
	}
}

// Extend is a fast path for Build over fresh+base; it must give the very
// same bytes, whatever the split, tokens shared or not, reverts across the
// boundary included.
func TestExtendMatchesBuild(t *testing.T) {
	all := testCommits(300)
	all[2].Reverts = [][20]byte{all[250].Hash}   // a fresh commit reverts a base one
	all[100].Reverts = [][20]byte{all[250].Hash} // and so does an older one
	all[200].Reverts = [][20]byte{all[250].Hash} // and one in the base
	all[7].Body = "body with UNIQUETOKEN"
	all[40].Parent = sha1.Sum([]byte("outside")) // a parent no index holds
	all[60].Parent = all[280].Hash               // a merge's first parent far below
	for _, k := range []int{0, 1, 5, 150, 299, 300} {
		b := NewBuilder(k)
		for _, c := range all[:k] {
			b.Add(c)
		}
		base := Build([20]byte{9}, 7, all[k:])
		got := Extend(base, b, all[0].Hash, 7)
		want := Build(all[0].Hash, 7, all)
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("split at %d: Extend differs from Build", k)
		}
		if _, err := Decode(slices.Clone(got.Bytes())); err != nil {
			t.Fatalf("split at %d: %v", k, err)
		}
	}
}

// The interpolating search finds what a binary search over the sorted
// hashes finds, for hashes in the index and hashes not in it, including
// the extremes.
func TestSortedPosIsTheLowerBound(t *testing.T) {
	cs := testCommits(5000)
	x := Build(cs[0].Hash, 0, cs)
	sorted := make([][20]byte, x.Len())
	for k := range sorted {
		sorted[k] = x.Hash(x.sortedAt(k))
	}
	want := func(raw [20]byte) int {
		k, _ := slices.BinarySearchFunc(sorted, raw, func(a, b [20]byte) int { return bytes.Compare(a[:], b[:]) })
		return k
	}
	probe := [][20]byte{{}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}
	for i := range 2000 {
		probe = append(probe, sha1.Sum(fmt.Appendf(nil, "absent %d", i)))
	}
	for _, c := range cs {
		h := c.Hash
		probe = append(probe, h)
		h[19] ^= 1 // a neighbour that shares 19 bytes
		probe = append(probe, h)
	}
	for _, raw := range probe {
		if got, w := x.sortedPos(raw), want(raw); got != w {
			t.Fatalf("sortedPos(%x) = %d, binary search says %d", raw, got, w)
		}
	}
}

// The header repeats the sizes of text, tokens and postings, so that an
// index its sidecar vouches for opens without touching the offset tables'
// last pages; a checked read holds the header to the tables.
func TestHeaderCarriesSectionSizes(t *testing.T) {
	x := Build([20]byte{1}, 0, testCommits(50))
	b := x.Bytes()
	le := binary.LittleEndian
	if got, want := le.Uint32(b[48:]), uint32(len(x.text)); got != want {
		t.Errorf("header text size %d, want %d", got, want)
	}
	if got, want := le.Uint32(b[52:]), uint32(len(x.tokens)); got != want {
		t.Errorf("header tokens size %d, want %d", got, want)
	}
	if got, want := le.Uint32(b[56:]), uint32(len(x.postings)/4); got != want {
		t.Errorf("header postings count %d, want %d", got, want)
	}
	// Move a byte from text to tokens: the sizes still add up, so only
	// the comparison with the offset tables can tell.
	bad := slices.Clone(b)
	le.PutUint32(bad[48:], le.Uint32(b[48:])-1)
	le.PutUint32(bad[52:], le.Uint32(b[52:])+1)
	le.PutUint32(bad[40:], crc32.Checksum(bad[headerSize:], crcTable.Get()))
	if _, err := Decode(bad); !errors.Is(err, ErrCorrupt) {
		t.Errorf("sizes that disagree with the offset tables: Decode err = %v, want ErrCorrupt", err)
	}
}

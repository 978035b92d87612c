package git

import (
	"bytes"
	"encoding/hex"
	"testing"
	"time"
)

func TestParseCommit(t *testing.T) {
	raw := "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n" +
		"parent 1111111111111111111111111111111111111111\n" +
		"parent 2222222222222222222222222222222222222222\n" +
		"author A U Thor <a@x.invalid> 1700000000 +0130\n" +
		"committer C O Mitter <c@x.invalid> 1700000060 -0200\n" +
		"gpgsig -----BEGIN PGP SIGNATURE-----\n \n parent 3333333333333333333333333333333333333333\n -----END PGP SIGNATURE-----\n" +
		"\nsubject\n\nbody\n"
	c, err := parseCommit(ZeroHash, []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	if c.TreeHash.String() != "4b825dc642cb6eb9a060e54bf8d69288fbee4904" || len(c.ParentHashes) != 2 ||
		c.ParentHashes[1].String() != "2222222222222222222222222222222222222222" {
		t.Errorf("headers: %+v", c)
	}
	if c.Author.Name != "A U Thor" || c.Author.Email != "a@x.invalid" || c.Committer.When.Unix() != 1700000060 {
		t.Errorf("signatures: %+v %+v", c.Author, c.Committer)
	}
	if _, off := c.Committer.When.Zone(); off != -2*3600 {
		t.Errorf("committer zone offset %d", off)
	}
	if c.Message != "subject\n\nbody\n" {
		t.Errorf("message %q", c.Message)
	}
	if _, err := parseCommit(ZeroHash, []byte("parent x\n\nno tree")); err == nil {
		t.Error("a commit without a tree must not parse")
	}
	if s := parseSignature([]byte("odd")); s.Name != "odd" || !s.When.Equal(time.Time{}) {
		t.Errorf("odd identity: %+v", s)
	}
}

// parseCommit never panics; what it reads as the tree is in the object.
func FuzzParseCommit(f *testing.F) {
	f.Add([]byte("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor a <b> 1 +0000\ncommitter a <b> 1 +0000\n\nm"))
	f.Add([]byte("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\ncommitter <> x -99\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := parseCommit(ZeroHash, b)
		if err != nil {
			return
		}
		if !bytes.Contains(bytes.ToLower(b), []byte("tree "+hex.EncodeToString(c.TreeHash[:]))) {
			t.Fatalf("tree %s is not in the object", c.TreeHash)
		}
	})
}

// parseTree never panics, and the entries it reads account for every byte.
func FuzzParseTree(f *testing.F) {
	h := bytes.Repeat([]byte{0xab}, 20)
	f.Add(append(append([]byte("100644 a.txt\x00"), h...), append([]byte("40000 dir\x00"), h...)...))
	f.Add([]byte("160000 sub\x00short"))
	f.Fuzz(func(t *testing.T, b []byte) {
		entries, err := parseTree(b)
		if err != nil {
			return
		}
		n := 0
		for _, e := range entries {
			if bytes.IndexByte([]byte(e.Name), 0) >= 0 {
				t.Fatalf("name %q holds a NUL", e.Name)
			}
			n += len(e.Name) + 1 + 20 + 2 // name, NUL, hash, space and at least one mode digit
		}
		if n > len(b) {
			t.Fatalf("%d entries claim more than %d bytes", len(entries), len(b))
		}
	})
}

package git

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// Commit is a decoded commit object: the fields dos reads.
type Commit struct {
	Hash         Hash
	TreeHash     Hash
	ParentHashes []Hash
	Author       Signature
	Committer    Signature
	// Message is everything after the headers' blank line, as stored.
	Message string
}

// NumParents is how many parents the commit records.
func (c *Commit) NumParents() int { return len(c.ParentHashes) }

// Signature is an author or committer line.
type Signature struct {
	Name  string
	Email string
	When  time.Time
}

// TreeEntry is one entry of a tree object.
type TreeEntry struct {
	Name string
	Mode filemode.FileMode
	Hash Hash
}

// object reads an object's type and content.
func (r *Repo) object(h Hash) (plumbing.ObjectType, []byte, error) {
	t, rd, err := r.objs.open(h)
	if err != nil {
		return 0, nil, err
	}
	defer rd.Close()
	b, err := io.ReadAll(rd)
	return t, b, err
}

// errMalformed is an object whose content does not decode.
var errMalformed = errors.New("malformed object")

// parseCommit decodes a commit object. Header lines it does not read
// (encoding, gpgsig and its continuation lines, mergetag) are skipped.
func parseCommit(h Hash, b []byte) (*Commit, error) {
	c := &Commit{Hash: h}
	hasTree := false
	for len(b) > 0 {
		line, rest, _ := bytes.Cut(b, []byte{'\n'})
		b = rest
		if len(line) == 0 {
			c.Message = string(rest)
			break
		}
		if line[0] == ' ' {
			continue // a continuation line
		}
		key, val, _ := bytes.Cut(line, []byte{' '})
		switch string(key) {
		case "tree":
			if !decodeHash(&c.TreeHash, val) {
				return nil, fmt.Errorf("commit %s: bad tree line: %w", h, errMalformed)
			}
			hasTree = true
		case "parent":
			var p Hash
			if !decodeHash(&p, val) {
				return nil, fmt.Errorf("commit %s: bad parent line: %w", h, errMalformed)
			}
			c.ParentHashes = append(c.ParentHashes, p)
		case "author":
			c.Author = parseSignature(val)
		case "committer":
			c.Committer = parseSignature(val)
		}
	}
	if !hasTree {
		return nil, fmt.Errorf("commit %s: no tree: %w", h, errMalformed)
	}
	return c, nil
}

func decodeHash(h *Hash, b []byte) bool {
	if len(b) != 40 {
		return false
	}
	_, err := hex.Decode(h[:], b)
	return err == nil
}

// parseSignature reads "Name <email> <unix seconds> <+hhmm>"; what does
// not parse is left zero, as git itself tolerates odd identities.
func parseSignature(b []byte) Signature {
	var s Signature
	open := bytes.IndexByte(b, '<')
	end := bytes.LastIndexByte(b, '>')
	if open < 0 || end < open {
		s.Name = string(bytes.TrimSpace(b))
		return s
	}
	s.Name = string(bytes.TrimSpace(b[:open]))
	s.Email = string(b[open+1 : end])
	f := strings.Fields(string(b[end+1:]))
	if len(f) == 0 {
		return s
	}
	sec, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return s
	}
	loc := time.UTC
	if len(f) > 1 && len(f[1]) == 5 && (f[1][0] == '+' || f[1][0] == '-') {
		if hh, err := strconv.Atoi(f[1][1:3]); err == nil {
			if mm, err := strconv.Atoi(f[1][3:]); err == nil {
				off := hh*3600 + mm*60
				if f[1][0] == '-' {
					off = -off
				}
				loc = time.FixedZone("", off)
			}
		}
	}
	s.When = time.Unix(sec, 0).In(loc)
	return s
}

// parseTree decodes a tree object: entries of "<octal mode> <name>\0"
// followed by 20 bytes of hash.
func parseTree(b []byte) ([]TreeEntry, error) {
	var out []TreeEntry
	for len(b) > 0 {
		sp := bytes.IndexByte(b, ' ')
		if sp < 0 {
			return nil, fmt.Errorf("tree entry without a mode: %w", errMalformed)
		}
		mode, err := filemode.New(string(b[:sp]))
		if err != nil {
			return nil, fmt.Errorf("tree entry mode %q: %w", b[:sp], errMalformed)
		}
		b = b[sp+1:]
		nul := bytes.IndexByte(b, 0)
		if nul < 0 || len(b) < nul+1+20 {
			return nil, fmt.Errorf("truncated tree entry: %w", errMalformed)
		}
		e := TreeEntry{Name: string(b[:nul]), Mode: mode}
		copy(e.Hash[:], b[nul+1:nul+21])
		out = append(out, e)
		b = b[nul+21:]
	}
	return out, nil
}

// tree reads a tree's entries; the zero hash is the empty tree.
func (r *Repo) tree(h Hash) ([]TreeEntry, error) {
	if h.IsZero() {
		return nil, nil
	}
	t, b, err := r.object(h)
	if err == nil && t != plumbing.TreeObject {
		err = fmt.Errorf("a %s, not a tree", t)
	}
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", h, err)
	}
	entries, err := parseTree(b)
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", h, err)
	}
	return entries, nil
}

// maxPeel bounds a chain of tags pointing at tags.
const maxPeel = 16

// peel follows tag objects from h to the commit they name.
func (r *Repo) peel(h Hash) (*Commit, error) {
	for range maxPeel {
		t, b, err := r.object(h)
		if err != nil {
			return nil, fmt.Errorf("read object %s: %w", h, err)
		}
		switch t {
		case plumbing.CommitObject:
			return parseCommit(h, b)
		case plumbing.TagObject:
			line, _, _ := bytes.Cut(b, []byte{'\n'})
			target, ok := bytes.CutPrefix(line, []byte("object "))
			if !ok || !decodeHash(&h, target) {
				return nil, fmt.Errorf("tag %s: %w", h, errMalformed)
			}
		default:
			return nil, fmt.Errorf("%s is %w", h, errNotCommit(t))
		}
	}
	return nil, fmt.Errorf("%s: tags nest deeper than %d", h, maxPeel)
}

package git

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/dispatchos/dos/witness/gitref"
)

// Resolve turns a revision into a commit hash: HEAD, a branch, a tag, a
// full or abbreviated hash, followed by any ancestry steps (HEAD~2,
// main^2, v1~1^). An unborn HEAD gives gitref.ErrNoCommits.
func (r *Repo) Resolve(rev string) (Hash, error) {
	p, err := gitref.ParseRev(rev)
	if err != nil {
		return ZeroHash, fmt.Errorf("cannot resolve %q: %w", rev, err)
	}
	h, err := r.resolveBase(p.Base)
	if errors.Is(err, gitref.ErrNoCommits) {
		return ZeroHash, err
	}
	if err != nil {
		return ZeroHash, fmt.Errorf("cannot resolve %q: %w", rev, err)
	}
	c, err := r.peel(h)
	if err != nil {
		return ZeroHash, fmt.Errorf("cannot resolve %q: %w", rev, err)
	}
	for _, s := range p.Steps {
		n, nth := s.N, 1 // ~N: N times the first parent
		if s.Op == '^' {
			n, nth = min(s.N, 1), s.N // ^N: once the Nth parent; ^0: stay
		}
		for range n {
			ps := r.parents(c)
			if nth > len(ps) {
				return ZeroHash, fmt.Errorf("cannot resolve %q: %s has no parent %d", rev, c.Hash, nth)
			}
			if c, err = r.Commit(ps[nth-1]); err != nil {
				return ZeroHash, fmt.Errorf("cannot resolve %q: %w", rev, err)
			}
		}
	}
	return c.Hash, nil
}

// errNoRef is a name that is neither a ref nor a known object.
var errNoRef = errors.New("no such ref or commit")

// resolveBase finds the object a revision's base names: a full hash the
// repository holds, a ref (as git expands names), else a unique
// abbreviation.
func (r *Repo) resolveBase(base string) (Hash, error) {
	var h Hash
	if decodeHash(&h, []byte(base)) && r.objs.has(h) {
		return h, nil
	}
	t, err := r.dirs.Lookup(base)
	switch {
	case err == nil:
		return t.Hash, nil
	case errors.Is(err, gitref.ErrNotFound) && gitref.IsHashPrefix(base):
		return r.expand(base)
	case errors.Is(err, gitref.ErrNotFound):
		return ZeroHash, errNoRef
	}
	return ZeroHash, err
}

// expand finds the one commit (or tag of one) whose hash starts with the
// hex digits of prefix.
func (r *Repo) expand(prefix string) (Hash, error) {
	raw, err := hex.DecodeString(prefix[:len(prefix)/2*2])
	if err != nil {
		return ZeroHash, errNoRef
	}
	all, err := r.objs.hashesWithPrefix(raw)
	if err != nil {
		return ZeroHash, fmt.Errorf("list objects: %w", err)
	}
	var found []Hash
	for _, h := range all {
		if !bytes.HasPrefix([]byte(h.String()), []byte(prefix)) {
			continue
		}
		if _, err := r.peel(h); err != nil {
			continue // a tree or a blob: not what a commit-ish names
		}
		if len(found) == 0 || found[0] != h {
			found = append(found, h)
		}
	}
	switch len(found) {
	case 0:
		return ZeroHash, errNoRef
	case 1:
		return found[0], nil
	}
	return ZeroHash, fmt.Errorf("short hash %s is ambiguous", prefix)
}

package git

import (
	"container/heap"
	"errors"
	"fmt"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ErrSymmetricRange is returned for "A...B", which this package does not
// walk.
var ErrSymmetricRange = errors.New("symmetric ranges (A...B) are not supported; use A..B")

// SplitRange splits "A..B" into its ends; an empty end means HEAD, as in
// git. ok is false when s is a single revision.
func SplitRange(s string) (from, to string, ok bool, err error) {
	if strings.Contains(s, "...") {
		return "", "", false, ErrSymmetricRange
	}
	from, to, ok = strings.Cut(s, "..")
	if !ok {
		return "", "", false, nil
	}
	if from == "" {
		from = "HEAD"
	}
	if to == "" {
		to = "HEAD"
	}
	return from, to, true, nil
}

// CommitsBetween returns the commits reachable from to and not from from,
// newest first by committer time (ties in the order they were reached, as
// git log orders them), at most max of them (max <= 0: no limit). It reads
// objects with go-git and spawns nothing.
func (r *Repo) CommitsBetween(from, to plumbing.Hash, max int) ([]*object.Commit, error) {
	hidden, err := r.ancestors(from)
	if err != nil {
		return nil, err
	}
	var q commitQueue
	seen := map[plumbing.Hash]bool{}
	push := func(h plumbing.Hash) error {
		if seen[h] || hidden[h] {
			return nil
		}
		seen[h] = true
		c, err := r.Commit(h)
		if err != nil {
			return err
		}
		heap.Push(&q, queued{c: c, seq: len(seen)})
		return nil
	}
	if err := push(to); err != nil {
		return nil, err
	}
	var out []*object.Commit
	for q.Len() > 0 && (max <= 0 || len(out) < max) {
		c := heap.Pop(&q).(queued).c
		out = append(out, c)
		for _, p := range r.parents(c) {
			if err := push(p); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// ancestors returns h and every commit reachable from it.
func (r *Repo) ancestors(h plumbing.Hash) (map[plumbing.Hash]bool, error) {
	seen := map[plumbing.Hash]bool{h: true}
	stack := []plumbing.Hash{h}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		c, err := r.Commit(cur)
		if err != nil {
			return nil, fmt.Errorf("walk ancestors of %s: %w", h, err)
		}
		for _, p := range r.parents(c) {
			if !seen[p] {
				seen[p] = true
				stack = append(stack, p)
			}
		}
	}
	return seen, nil
}

type queued struct {
	c   *object.Commit
	seq int
}

// commitQueue pops the newest commit first; equal times pop in the order
// they were pushed.
type commitQueue []queued

func (q commitQueue) Len() int { return len(q) }
func (q commitQueue) Less(i, j int) bool {
	ti, tj := q[i].c.Committer.When, q[j].c.Committer.When
	if !ti.Equal(tj) {
		return ti.After(tj)
	}
	return q[i].seq < q[j].seq
}
func (q commitQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *commitQueue) Push(x any)   { *q = append(*q, x.(queued)) }
func (q *commitQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

package git

import (
	"container/heap"
	"errors"
	"strings"
	"time"
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
// newest first by committer time (ties in the order they were reached), at
// most max of them (max <= 0: no limit). It walks the way git log A..B does:
// one queue holds both sides, a commit reached from from is hidden along with
// every ancestor seen so far, and the walk stops a few commits after only
// hidden ones are left, so a small range in a long history stays cheap. It
// reads objects itself and spawns nothing.
func (r *Repo) CommitsBetween(from, to Hash, max int) ([]*Commit, error) {
	return r.commitsFrom(from, to, max)
}

// commitsFrom is CommitsBetween where a zero from hides nothing; then the
// walk stops as soon as it has max commits.
func (r *Repo) commitsFrom(from, to Hash, max int) ([]*Commit, error) {
	w := &rangeWalk{r: r, nodes: map[Hash]*walkNode{}}
	if err := w.add(to, false); err != nil {
		return nil, err
	}
	if !from.IsZero() {
		if err := w.add(from, true); err != nil {
			return nil, err
		}
	}
	var popped []*walkNode
	slop := walkSlop
	var last time.Time // committer time of the newest-popped visible commit
	for w.q.Len() > 0 {
		n := heap.Pop(&w.q).(*walkNode)
		n.queued = false
		if !n.hidden {
			w.interesting--
		}
		for _, p := range r.parents(n.c) {
			if err := w.add(p, n.hidden); err != nil {
				return nil, err
			}
		}
		if n.hidden {
			if slop = w.stillInteresting(last, slop); slop == 0 {
				break
			}
			continue
		}
		last = n.c.Committer.When
		popped = append(popped, n)
		if from.IsZero() && max > 0 && len(popped) == max {
			break // nothing is hidden, so nothing popped can be taken back
		}
	}
	var out []*Commit
	for _, n := range popped {
		if n.hidden {
			continue // hidden after it was reached: an ancestor of from
		}
		if max > 0 && len(out) == max {
			break
		}
		out = append(out, n.c)
	}
	return out, nil
}

// stillInteresting decides, after a hidden commit, whether the walk goes
// on: yes while a visible commit is queued or the queue still holds commits
// no older than the last visible one; otherwise it counts the slop down.
func (w *rangeWalk) stillInteresting(last time.Time, slop int) int {
	if w.q.Len() == 0 {
		return 0
	}
	if (!last.IsZero() && !last.After(w.q[0].c.Committer.When)) || w.interesting > 0 {
		return walkSlop
	}
	return slop - 1
}

// walkSlop is how many hidden commits the walk still reads once only hidden
// ones are queued, for clocks that ran backwards (git uses the same margin).
const walkSlop = 5

type walkNode struct {
	c      *Commit
	seq    int
	hidden bool
	queued bool
}

type rangeWalk struct {
	r     *Repo
	nodes map[Hash]*walkNode
	q     commitQueue
	// interesting counts queued commits that are not hidden.
	interesting int
}

// add reaches h, hidden or not; a commit reached both ways is hidden.
func (w *rangeWalk) add(h Hash, hidden bool) error {
	if n, ok := w.nodes[h]; ok {
		if hidden && !n.hidden {
			w.hide(n)
		}
		return nil
	}
	c, err := w.r.Commit(h)
	if err != nil {
		return err
	}
	n := &walkNode{c: c, seq: len(w.nodes), hidden: hidden, queued: true}
	w.nodes[h] = n
	heap.Push(&w.q, n)
	if !hidden {
		w.interesting++
	}
	return nil
}

// hide marks n and every ancestor of it already reached as hidden.
func (w *rangeWalk) hide(n *walkNode) {
	stack := []*walkNode{n}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if cur.hidden {
			continue
		}
		cur.hidden = true
		if cur.queued {
			w.interesting--
		}
		for _, p := range w.r.parents(cur.c) {
			if pn, ok := w.nodes[p]; ok && !pn.hidden {
				stack = append(stack, pn)
			}
		}
	}
}

// commitQueue pops the newest commit first; equal times pop in the order
// they were reached.
type commitQueue []*walkNode

func (q commitQueue) Len() int { return len(q) }
func (q commitQueue) Less(i, j int) bool {
	ti, tj := q[i].c.Committer.When, q[j].c.Committer.When
	if !ti.Equal(tj) {
		return ti.After(tj)
	}
	return q[i].seq < q[j].seq
}
func (q commitQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *commitQueue) Push(x any)   { *q = append(*q, x.(*walkNode)) }
func (q *commitQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

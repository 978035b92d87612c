package git

import (
	"container/heap"
	"errors"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	commitgraph "github.com/go-git/go-git/v5/plumbing/format/commitgraph/v2"
)

// ErrNoGraph is returned by [Repo.Since] when the repository has no
// commit-graph file to walk.
var ErrNoGraph = errors.New("no commit-graph")

// Since counts the commits reachable from head and not from start (git
// rev-list --count start..head) and reports whether start is an ancestor
// of head, walking the commit-graph file in commonDir
// (objects/info/commit-graph, or a commit-graph chain) that git gc and
// git maintenance keep. Commits newer than the graph are read as objects.
// The walk visits generation numbers from the top down, so it stops as
// soon as nothing left can change the answer: the cost is the size of the
// range, not of the history, and no pack index is loaded for commits the
// graph holds. Without a graph it returns ErrNoGraph.
func (r *Repo) Since(commonDir string, start, head plumbing.Hash) (count int, ancestor bool, err error) {
	g, err := openGraph(commonDir)
	if err != nil {
		return 0, false, ErrNoGraph
	}
	defer g.Close()
	w := &graphWalk{r: r, g: g, nodes: map[plumbing.Hash]*gnode{}}
	s, err := w.node(start)
	if err != nil {
		return 0, false, err
	}
	h, err := w.node(head)
	if err != nil {
		return 0, false, err
	}
	s.hidden = true
	h.fromHead = true
	w.push(s)
	w.push(h)
	for w.q.Len() > 0 {
		if w.settled() {
			break
		}
		n := heap.Pop(&w.q).(*gnode)
		n.queued = false
		if !n.hidden && !n.counted {
			n.counted = true
			w.count++
		}
		for _, ph := range n.parents {
			p, err := w.node(ph)
			if err != nil {
				return 0, false, err
			}
			changed := false
			if n.hidden && !p.hidden {
				p.hidden, changed = true, true
				if p.counted {
					p.counted = false
					w.count--
				}
			}
			if n.fromHead && !p.fromHead {
				p.fromHead, changed = true, true
			}
			if changed || !p.seen {
				p.seen = true
				w.push(p)
			}
		}
	}
	return w.count, s.fromHead, nil
}

// openGraph opens commonDir's commit-graph: the single file, else the
// chain of split graphs.
func openGraph(commonDir string) (commitgraph.Index, error) {
	info := filepath.Join(commonDir, "objects", "info")
	if f, err := os.Open(filepath.Join(info, "commit-graph")); err == nil {
		g, err := commitgraph.OpenFileIndex(f)
		if err != nil {
			f.Close()
		}
		return g, err
	}
	cf, err := os.Open(filepath.Join(info, "commit-graphs", "commit-graph-chain"))
	if err != nil {
		return nil, err
	}
	chain, err := commitgraph.OpenChainFile(cf)
	cf.Close()
	if err != nil {
		return nil, err
	}
	var g commitgraph.Index
	for _, h := range chain {
		f, err := os.Open(filepath.Join(info, "commit-graphs", "graph-"+h+".graph"))
		if err == nil {
			var next commitgraph.Index
			if next, err = commitgraph.OpenFileIndexWithParent(f, g); err == nil {
				g = next
				continue
			}
			f.Close()
		}
		if g != nil {
			g.Close()
		}
		return nil, err
	}
	if g == nil {
		return nil, os.ErrNotExist
	}
	return g, nil
}

// gnode is one commit of the walk.
type gnode struct {
	hash     plumbing.Hash
	gen      uint64 // math.MaxUint64 for a commit the graph lacks
	when     time.Time
	parents  []plumbing.Hash
	hidden   bool // reachable from start
	fromHead bool // reachable from head
	counted  bool // counted as in the range
	queued   bool
	seen     bool
	seq      int
}

type graphWalk struct {
	r     *Repo
	g     commitgraph.Index
	nodes map[plumbing.Hash]*gnode
	q     gqueue
	count int
	seq   int
}

// node loads h from the graph, else from the object store.
func (w *graphWalk) node(h plumbing.Hash) (*gnode, error) {
	if n := w.nodes[h]; n != nil {
		return n, nil
	}
	n := &gnode{hash: h}
	if i, err := w.g.GetIndexByHash(h); err == nil {
		d, err := w.g.GetCommitDataByIndex(i)
		if err != nil {
			return nil, err
		}
		if d.Generation == 0 {
			// An old graph without generation numbers cannot order the walk.
			return nil, ErrNoGraph
		}
		n.gen, n.when, n.parents = d.Generation, d.When, d.ParentHashes
	} else {
		c, err := w.r.Commit(h)
		if err != nil {
			return nil, err
		}
		n.gen, n.when, n.parents = math.MaxUint64, c.Committer.When, w.r.parents(c)
	}
	w.nodes[h] = n
	return n, nil
}

func (w *graphWalk) push(n *gnode) {
	n.seen = true
	if n.queued {
		return
	}
	n.queued = true
	w.seq++
	n.seq = w.seq
	heap.Push(&w.q, n)
}

// settled reports whether the queue can no longer change the answer: it
// holds only commits reachable from start that the graph has. Their
// ancestors, all of lower generation, are reachable from start too, and
// every commit popped so far has a generation no lower than theirs, so
// none of them is such an ancestor; a commit that could still lead from
// head to start would be reachable from head, not from start, and so
// would not be settled.
func (w *graphWalk) settled() bool {
	for _, n := range w.q {
		if !n.hidden || n.gen == math.MaxUint64 {
			return false
		}
	}
	return true
}

// gqueue orders commits the graph lacks first (newest first), then by
// generation, highest first.
type gqueue []*gnode

func (q gqueue) Len() int { return len(q) }
func (q gqueue) Less(i, j int) bool {
	a, b := q[i], q[j]
	if a.gen != b.gen {
		return a.gen > b.gen
	}
	if !a.when.Equal(b.when) {
		return a.when.After(b.when)
	}
	return a.seq < b.seq
}
func (q gqueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *gqueue) Push(x any)   { *q = append(*q, x.(*gnode)) }
func (q *gqueue) Pop() any {
	old := *q
	n := old[len(old)-1]
	*q = old[:len(old)-1]
	return n
}

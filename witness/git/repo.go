package git

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/format/index"

	"github.com/dispatchos/dos/witness/gitref"
)

// Hash is an object name.
type Hash = plumbing.Hash

// ZeroHash is the hash of nothing: the empty tree's stand-in, an absent
// side of a diff.
var ZeroHash Hash

// Repo is an open repository, seen from one worktree.
type Repo struct {
	// Dir is the checkout root the repository was opened from.
	Dir  string
	dirs gitref.Dirs
	objs *store

	shallowOnce sync.Once
	shallow     []Hash
}

// Open opens the repository containing dir, linked worktrees included.
func Open(dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	top, d, err := gitref.Discover(abs)
	if err != nil {
		return nil, err
	}
	return OpenDirs(d.GitDir, d.CommonDir, top)
}

// OpenDirs opens a repository whose directories are already known (from
// workspace resolution). Pack files stay open between object reads: a
// verb reads many objects, and reopening the pack for each one would cost
// more than the reads.
func OpenDirs(gitDir, commonDir, worktree string) (*Repo, error) {
	if commonDir == "" {
		commonDir = gitDir
	}
	if _, err := os.Stat(filepath.Join(gitDir, "HEAD")); err != nil {
		return nil, fmt.Errorf("%s: %w (%w)", worktree, gitref.ErrNotRepo, err)
	}
	return &Repo{Dir: worktree, dirs: gitref.Dirs{GitDir: gitDir, CommonDir: commonDir}, objs: newStore(commonDir)}, nil
}

// Commit reads one commit object.
func (r *Repo) Commit(h Hash) (*Commit, error) {
	t, b, err := r.object(h)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", h, err)
	}
	if t != plumbing.CommitObject {
		return nil, fmt.Errorf("read commit %s: %w", h, errNotCommit(t))
	}
	return parseCommit(h, b)
}

// parents returns c's parent hashes, none for a shallow boundary (whose
// parents are not in the repository), as git log does.
func (r *Repo) parents(c *Commit) []Hash {
	if len(c.ParentHashes) == 0 {
		return nil
	}
	r.shallowOnce.Do(func() { r.shallow = readShallow(r.dirs.CommonDir) })
	if slices.Contains(r.shallow, c.Hash) {
		return nil
	}
	return c.ParentHashes
}

func errNotCommit(t plumbing.ObjectType) error {
	return fmt.Errorf("a %s, not a commit", t)
}

// errMissing is an object the repository does not hold.
var errMissing = errors.New("object not found")

// readShallow lists the shallow boundary commits of a shallow clone.
func readShallow(commonDir string) []Hash {
	b, err := os.ReadFile(filepath.Join(commonDir, "shallow"))
	if err != nil {
		return nil
	}
	var out []Hash
	for _, line := range strings.Fields(string(b)) {
		var h Hash
		if decodeHash(&h, []byte(line)) {
			out = append(out, h)
		}
	}
	return out
}

// index reads the worktree's index file; a worktree without one (nothing
// ever staged) has an empty index.
func (r *Repo) index() (*index.Index, error) {
	idx := &index.Index{Version: 2}
	f, err := os.Open(filepath.Join(r.dirs.GitDir, "index"))
	if errors.Is(err, fs.ErrNotExist) {
		return idx, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := index.NewDecoder(bufio.NewReader(f)).Decode(idx); err != nil {
		return nil, fmt.Errorf("%s: %w", f.Name(), err)
	}
	return idx, nil
}

package git

import (
	"errors"
	"fmt"
	"strings"

	gogit "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// Repo is an open repository, seen from one worktree.
type Repo struct {
	// Dir is the checkout root the repository was opened from.
	Dir string
	// R is the go-git repository.
	R *gogit.Repository
}

// ErrNotRepo is returned when a directory is not inside a git repository.
var ErrNotRepo = errors.New("not a git repository")

// Open opens the repository containing dir, linked worktrees included.
func Open(dir string) (*Repo, error) {
	r, err := gogit.PlainOpenWithOptions(dir, &gogit.PlainOpenOptions{
		DetectDotGit: true, EnableDotGitCommonDir: true,
	})
	if errors.Is(err, gogit.ErrRepositoryNotExists) {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotRepo)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	return &Repo{Dir: dir, R: r}, nil
}

// ErrNoCommits is returned when HEAD does not point at a commit yet.
var ErrNoCommits = errors.New("no commits yet")

// Resolve turns a revision (HEAD, a branch, a tag, a sha prefix) into a
// commit hash. An unborn HEAD gives ErrNoCommits.
func (r *Repo) Resolve(rev string) (plumbing.Hash, error) {
	if rev == "" {
		rev = "HEAD"
	}
	h, err := r.R.ResolveRevision(plumbing.Revision(rev))
	if err != nil {
		if rev == "HEAD" && errors.Is(err, plumbing.ErrReferenceNotFound) && r.unbornHead() {
			return plumbing.ZeroHash, ErrNoCommits
		}
		return plumbing.ZeroHash, fmt.Errorf("cannot resolve %q: %w", rev, err)
	}
	if _, err := r.R.CommitObject(*h); err != nil {
		return plumbing.ZeroHash, fmt.Errorf("%q is not a commit: %w", rev, err)
	}
	return *h, nil
}

// Commit reads one commit object.
func (r *Repo) Commit(h plumbing.Hash) (*object.Commit, error) {
	c, err := r.R.CommitObject(h)
	if err != nil {
		return nil, fmt.Errorf("read commit %s: %w", h, err)
	}
	return c, nil
}

// unbornHead reports whether HEAD is a well-formed symbolic ref to a branch
// that has no commit yet (a new repository), as opposed to a broken HEAD.
func (r *Repo) unbornHead() bool {
	ref, err := r.R.Storer.Reference(plumbing.HEAD)
	return err == nil && ref.Type() == plumbing.SymbolicReference &&
		strings.HasPrefix(ref.Target().String(), "refs/")
}

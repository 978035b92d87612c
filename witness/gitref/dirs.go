package gitref

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/dispatchos/dos/internal/smallfile"
)

// Dirs locates one worktree's view of a repository.
type Dirs struct {
	// GitDir is the worktree's own git directory: HEAD and the
	// per-worktree refs live here.
	GitDir string
	// CommonDir is the directory every worktree shares (refs,
	// packed-refs, objects); equal to GitDir for the main worktree.
	CommonDir string
}

// ErrNotRepo is returned when a directory is not inside a git repository.
var ErrNotRepo = errors.New("not a git repository")

// Discover finds the repository holding dir (an absolute path): the
// nearest .git entry at or above it, a directory or a file holding
// "gitdir: <path>" (linked worktrees and submodules), and the commondir
// link of a linked worktree. top is the directory holding that .git.
func Discover(dir string) (top string, d Dirs, err error) {
	for top = dir; ; {
		st, serr := os.Stat(filepath.Join(top, ".git"))
		if serr == nil {
			d, err = DirsAt(top, st.IsDir())
			return top, d, err
		}
		parent := filepath.Dir(top)
		if parent == top {
			return "", Dirs{}, fmt.Errorf("%s: %w", dir, ErrNotRepo)
		}
		top = parent
	}
}

// DirsAt reads the .git entry of top: the directory itself when isDir,
// else the file's gitdir link; then the commondir link, if any.
func DirsAt(top string, isDir bool) (Dirs, error) {
	p := filepath.Join(top, ".git")
	gitDir := p
	if !isDir {
		b, err := readFile(p)
		if err != nil {
			return Dirs{}, fmt.Errorf("read %s: %w", p, err)
		}
		rest, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir:")
		if !ok {
			return Dirs{}, fmt.Errorf("%s is not a gitdir link", p)
		}
		gitDir = absUnder(top, strings.TrimSpace(rest))
	}
	d := Dirs{GitDir: gitDir, CommonDir: gitDir}
	if b, err := readFile(filepath.Join(gitDir, "commondir")); err == nil {
		d.CommonDir = absUnder(gitDir, strings.TrimSpace(string(b)))
	}
	return d, nil
}

// readFile reads a whole file of the git directory (a ref, packed-refs, a
// gitdir or commondir link) without going through the runtime's poller:
// resolving HEAD is on the path of every warm verify.
func readFile(p string) ([]byte, error) { return smallfile.Read(p, math.MaxInt) }

// absUnder is p, made absolute relative to base, cleaned.
func absUnder(base, p string) string {
	if !filepath.IsAbs(p) {
		p = filepath.Join(base, p)
	}
	return filepath.Clean(p)
}

package workspace

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/dispatchos/dos/witness/gitref"
)

// Workspace is a resolved workspace.
type Workspace struct {
	// Dir is the requested directory, absolute with symlinks resolved.
	Dir string
	// StateRoot holds dos.toml and .dos/.
	StateRoot string
	// CheckoutRoot is the top of the worktree Dir is in; empty outside git.
	CheckoutRoot string
	// GitDir is the worktree's git directory; empty outside git.
	GitDir string
	// CommonDir is the repository's shared git directory (equal to GitDir
	// for the main worktree); empty outside git.
	CommonDir string
	// Config is dos.toml folded over the defaults.
	Config *Config
}

// IsGit reports whether the workspace is inside a git repository.
func (w *Workspace) IsGit() bool { return w.GitDir != "" }

// Options tells [Resolve] where to look.
type Options struct {
	Flag   string              // --workspace; empty if not given
	Getenv func(string) string // environment; nil means os.Getenv
	Cwd    string              // working directory; empty means os.Getwd
	Warn   func(string)        // receives config warnings; nil drops them
	Driver string              // base policy (--driver); empty is generic
}

// ErrNoWorkspace is returned when the workspace directory does not exist.
var ErrNoWorkspace = errors.New("no such directory")

// Resolve finds the workspace and loads its config.
func Resolve(o Options) (*Workspace, error) {
	dir, err := requested(o)
	if err != nil {
		return nil, err
	}
	w, err := Roots(dir)
	if err != nil {
		return nil, err
	}
	base, err := Base(w.StateRoot, o.Driver)
	if err != nil {
		return nil, err
	}
	w.Config = Fold(base, o.Warn)
	return w, nil
}

func requested(o Options) (string, error) {
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	dir := o.Flag
	if dir == "" {
		dir = getenv("DISPATCH_WORKSPACE")
	}
	if dir == "" || !filepath.IsAbs(dir) {
		// Only an unnamed or relative workspace needs the working
		// directory, so an absolute one never stats it.
		cwd := o.Cwd
		if cwd == "" {
			var err error
			if cwd, err = os.Getwd(); err != nil {
				return "", fmt.Errorf("workspace: working directory: %w", err)
			}
		}
		dir = filepath.Join(cwd, dir)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "", fmt.Errorf("workspace %s: %w", dir, ErrNoWorkspace)
	}
	st, err := os.Stat(real)
	if err != nil || !st.IsDir() {
		return "", fmt.Errorf("workspace %s is not a directory: %w", dir, ErrNoWorkspace)
	}
	return real, nil
}

// Roots derives the state and checkout roots of an absolute directory.
func Roots(dir string) (*Workspace, error) {
	w := &Workspace{Dir: dir}
	top, dotgit, found := findUp(dir, ".git")
	if !found {
		w.StateRoot = dir
		if d, _, ok := findUpAny(dir, "dos.toml", ".dos"); ok {
			w.StateRoot = d
		}
		return w, nil
	}
	d, err := gitref.DirsAt(top, dotgit.IsDir())
	if err != nil {
		return nil, fmt.Errorf("workspace: %w", err)
	}
	w.CheckoutRoot, w.GitDir, w.CommonDir = top, d.GitDir, d.CommonDir
	w.StateRoot = top
	if filepath.Base(w.CommonDir) == ".git" {
		w.StateRoot = filepath.Dir(w.CommonDir)
	}
	return w, nil
}

func findUp(dir, name string) (string, fs.FileInfo, bool) {
	for d := dir; ; {
		if st, err := os.Stat(filepath.Join(d, name)); err == nil {
			return d, st, true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", nil, false
		}
		d = parent
	}
}

func findUpAny(dir string, names ...string) (string, string, bool) {
	for d := dir; ; {
		for _, n := range names {
			if _, err := os.Stat(filepath.Join(d, n)); err == nil {
				return d, n, true
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", "", false
		}
		d = parent
	}
}

// DotDos returns the state directory, <state root>/.dos.
func (w *Workspace) DotDos() string { return filepath.Join(w.StateRoot, ".dos") }

// EnsureDotDos creates .dos/ with its own .gitignore ("*") if missing, so
// dos never has to touch the project's .gitignore. It is safe to call from
// many processes at once.
func (w *Workspace) EnsureDotDos() (string, error) {
	d := w.DotDos()
	if err := os.MkdirAll(d, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", d, err)
	}
	gi := filepath.Join(d, ".gitignore")
	if _, err := os.Stat(gi); err == nil {
		return d, nil
	}
	tmp, err := os.CreateTemp(d, ".gitignore.tmp*")
	if err != nil {
		return "", fmt.Errorf("create %s: %w", gi, err)
	}
	_, werr := tmp.WriteString("# dos state: never committed\n*\n")
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("write %s: %w", gi, errors.Join(werr, cerr))
	}
	if err := os.Rename(tmp.Name(), gi); err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("write %s: %w", gi, err)
	}
	return d, nil
}

package install

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
)

// Options says where to install.
type Options struct {
	// Dir is the project root (absolute); project files live under it.
	Dir string
	// Home is the user's home directory, for Global.
	Home string
	// CodexHome is $CODEX_HOME when set: Codex's user files live there
	// instead of under ~/.codex.
	CodexHome string
	// Global writes the user-level files instead of the project's.
	Global bool
	// Bin is the program the hooks run.
	Bin Binaries
}

// Scope names where the files are: "project" or "user".
func (o Options) Scope() string {
	if o.Global {
		return "user"
	}
	return "project"
}

// Paths returns the absolute paths of host s's files for these options,
// in the spec's order.
func (o Options) Paths(s Spec) ([]string, error) {
	base, rel := o.Dir, s.Project
	if o.Global {
		base, rel = o.Home, s.User
		if s.Host == Codex && o.CodexHome != "" {
			var out []string
			for _, r := range rel {
				out = append(out, filepath.Join(o.CodexHome, filepath.Base(r)))
			}
			return out, nil
		}
	}
	if base == "" || !filepath.IsAbs(base) {
		return nil, fmt.Errorf("install: %s directory %q is not an absolute path", o.Scope(), base)
	}
	var out []string
	for _, r := range rel {
		out = append(out, filepath.Join(base, filepath.FromSlash(r)))
	}
	return out, nil
}

// readState reads a file and its backup. A symlinked file is followed, so
// that its target is edited and the link stays.
func readState(path string) (FileState, error) {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		path = real
	}
	st := FileState{Path: path}
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		st.Exists, st.Data = true, data
	case errors.Is(err, fs.ErrNotExist):
	default:
		return st, err
	}
	b, err := os.ReadFile(path + BackupSuffix)
	switch {
	case err == nil:
		st.HasBackup, st.Backup = true, b
	case errors.Is(err, fs.ErrNotExist):
	default:
		return st, err
	}
	return st, nil
}

func readStates(paths []string) ([]FileState, error) {
	var out []FileState
	for _, p := range paths {
		st, err := readState(p)
		if err != nil {
			return nil, fmt.Errorf("install: %w", err)
		}
		out = append(out, st)
	}
	return out, nil
}

// apply carries out one plan: backup first, then the file, then the backup's
// removal.
func apply(p FilePlan) (backup string, err error) {
	bpath := p.Path + BackupSuffix
	if p.WriteBackup {
		old, err := os.ReadFile(p.Path)
		if err != nil {
			return "", fmt.Errorf("install: back up %s: %w", p.Path, err)
		}
		mode := fileMode(p.Path)
		f, err := os.OpenFile(bpath, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
		switch {
		case err == nil:
			_, werr := f.Write(old)
			serr := f.Sync()
			cerr := f.Close()
			if err := errors.Join(werr, serr, cerr); err != nil {
				os.Remove(bpath)
				return "", fmt.Errorf("install: back up %s: %w", p.Path, err)
			}
			backup = bpath
		case errors.Is(err, fs.ErrExist):
			// The first backup holds the original; keep it.
		default:
			return "", fmt.Errorf("install: back up %s: %w", p.Path, err)
		}
	}
	switch p.Action {
	case Write, Restore:
		if err := writeAtomic(p.Path, p.Data); err != nil {
			return backup, err
		}
	case Delete:
		if err := os.Remove(p.Path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return backup, fmt.Errorf("install: %w", err)
		}
	}
	if p.DropBackup {
		if err := os.Remove(bpath); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return backup, fmt.Errorf("install: %w", err)
		}
	}
	return backup, nil
}

func fileMode(path string) fs.FileMode {
	if fi, err := os.Stat(path); err == nil {
		return fi.Mode().Perm()
	}
	return 0o644
}

// writeAtomic writes path through a temporary file and a rename, keeping
// the mode of the file it replaces.
func writeAtomic(path string, data []byte) error {
	mode := fileMode(path)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("install: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("install: %w", err)
	}
	_, werr := tmp.Write(data)
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("install: write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("install: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("install: write %s: %w", path, err)
	}
	return nil
}

// Install wires host h's hooks into its files and reports what it did.
// Nothing is written when any file cannot be planned.
func Install(h Host, o Options) (Report, error) {
	p, err := prepare(h, o, false)
	if err != nil {
		return Report{}, err
	}
	return p.apply()
}

// Remove takes dos's hooks out of host h's files.
func Remove(h Host, o Options) (Report, error) {
	p, err := prepare(h, o, true)
	if err != nil {
		return Report{}, err
	}
	return p.apply()
}

// prepared is one host's plans, made before anything is written.
type prepared struct {
	rep   Report
	plans []FilePlan
}

func prepare(h Host, o Options, remove bool) (prepared, error) {
	s, ok := SpecFor(h)
	if !ok {
		return prepared{}, fmt.Errorf("install: unknown host %q", h)
	}
	paths, err := o.Paths(s)
	if err != nil {
		return prepared{}, err
	}
	states, err := readStates(paths)
	if err != nil {
		return prepared{}, err
	}
	var plans []FilePlan
	if remove {
		plans, err = PlanRemove(s, o.Bin, states)
	} else {
		plans, err = PlanInstall(s, o.Bin, states)
	}
	if err != nil {
		return prepared{}, err
	}
	rep := Report{Host: h, Title: s.Title, Scope: o.Scope(), Removing: remove, Runs: o.Bin.Command("<verb>", h)}
	if !remove {
		rep.Notes = append(slices.Clone(s.Notes), StrictStopNote)
		if h == Antigravity {
			for _, st := range states {
				if st.Exists && !isStrictJSON(st.Data) {
					rep.Notes = append(rep.Notes, "warning: "+st.Path+" has comments or trailing commas, so agy ignores every hook in it until they are gone")
				}
			}
		}
	}
	return prepared{rep: rep, plans: plans}, nil
}

func (p prepared) apply() (Report, error) {
	rep := p.rep
	for _, fp := range p.plans {
		backup, err := apply(fp)
		if err != nil {
			return rep, err
		}
		rep.Files = append(rep.Files, FileReport{Path: fp.Path, Action: fp.Action, Backup: backup, Events: fp.Events})
	}
	return rep, nil
}

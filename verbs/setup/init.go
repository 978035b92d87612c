package setup

import (
	"context"
	"errors"
	"fmt"
	"github.com/dispatchos/dos/call"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dispatchos/dos/workspace"
)

// InitArgs are the arguments of init.
type InitArgs struct {
	Dir   string `name:"dir" pos:"0" help:"the directory to initialise (default: --workspace, else the current directory)"`
	Force bool   `name:"force" help:"overwrite an existing dos.toml"`
}

// InitResult is the JSON body of init.
type InitResult struct {
	Path       string   `json:"path"`
	Written    bool     `json:"written"`
	Concurrent []string `json:"concurrent"`
	Exclusive  []string `json:"exclusive"`
	Skipped    []string `json:"skipped"`
	Summary    string   `json:"summary"`
}

// Init writes a starting dos.toml whose lanes come from the directory's
// top-level folders.
var Init = call.New(call.Def{
	Path:  "init",
	Use:   "[<dir>] [--force]",
	Short: "Write a starting dos.toml with lanes derived from your top-level directories",
	Long: `USE THIS WHEN: you start using dos in a project and want a dos.toml whose
lanes fit it, instead of the built-in single 'main' lane.

init writes <dir>/dos.toml, the workspace configuration.

Each top-level directory becomes a concurrent lane that may write <dir>/**
(hidden, dependency and build directories are skipped, at most 12 lanes),
plus an exclusive lane 'global' over everything. A directory that is itself
called 'global' is skipped, since that name belongs to the exclusive lane.
With no directories the file declares one single-writer lane, 'main'.
Directory names are written as quoted TOML keys and escaped strings, so
names such as "my app" or "v1.2" give a valid file (the reference wrote them
bare and broke its own config).

An existing dos.toml is left untouched, and init answers 'exists' (exit 1),
unless --force is given. <dir> is created if missing; a relative <dir> is
taken from --workspace when given, else from the current directory. init
never edits your .gitignore.`,
	Example: `  # scaffold the current project
  dos init

  # scaffold another directory, replacing its dos.toml
  dos init ../service --force

  # then check the result
  dos lint && dos doctor`,
	Toolset:     call.Ops,
	Class:       call.Write,
	Surfaces:    call.CLI,
	NoWorkspace: true,
	Verdicts:    []call.Verdict{Written, Exists},
}, runInit)

func runInit(ctx context.Context, env *call.Env, a *InitArgs) (*call.Reply[InitResult], error) {
	dir := a.Dir
	if dir == "" {
		dir = "."
	}
	base := env.Cwd
	if env.WorkspaceFlag != "" {
		base = env.WorkspaceFlag
		if !filepath.IsAbs(base) {
			base = filepath.Join(env.Cwd, base)
		}
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(base, dir)
	}
	dir = filepath.Clean(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("init: create %s: %w", dir, err)
	}
	path := filepath.Join(dir, workspace.FileName)
	if _, err := os.Lstat(path); err == nil && !a.Force {
		return &call.Reply[InitResult]{
			Verdict:        Exists,
			Text:           path + " already exists (use --force to overwrite)",
			Body:           InitResult{Path: path, Concurrent: []string{}, Exclusive: []string{}, Skipped: []string{}},
			Interpretation: "dos.toml is already there and was left as it is; pass --force to replace it.",
		}, nil
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("init: %w", err)
	}
	names, err := initSubdirs(dir)
	if err != nil {
		return nil, fmt.Errorf("init: %w", err)
	}
	s := workspace.NewScaffold(names)
	if err := initWriteFile(path, []byte(s.Text)); err != nil {
		return nil, fmt.Errorf("init: %w", err)
	}
	shown := a.Dir
	if shown == "" {
		shown = "."
	}
	if strings.ContainsAny(shown, " \t'\"") {
		shown = "'" + strings.ReplaceAll(shown, "'", `'\''`) + "'"
	}
	skipped := s.Skipped
	if skipped == nil {
		skipped = []string{}
	}
	return &call.Reply[InitResult]{
		Verdict: Written,
		Text: "wrote " + path + "\n" + s.Summary + "\n" +
			"DOS workspace initialised. Try:  dos doctor --workspace " + shown,
		Body:           InitResult{Path: path, Written: true, Concurrent: s.Concurrent, Exclusive: s.Exclusive, Skipped: skipped, Summary: s.Summary},
		Interpretation: "dos.toml was written; run dos lint to check it and dos doctor to see the workspace.",
	}, nil
}

// initSubdirs lists the names of dir's immediate subdirectories, symlinks to
// directories included.
func initSubdirs(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			out = append(out, e.Name())
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			if st, err := os.Stat(filepath.Join(dir, e.Name())); err == nil && st.IsDir() {
				out = append(out, e.Name())
			}
		}
	}
	return out, nil
}

// initWriteFile writes path through a temporary file and a rename, so a
// reader never sees half a file.
func initWriteFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".dos.toml.tmp*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

package setup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/hostcfg/install"
	"github.com/dispatchos/dos/workspace"
)

// InitArgs are the arguments of init.
type InitArgs struct {
	Dir       string   `name:"dir" pos:"0" help:"the directory to initialise (default: --workspace, else the current directory)"`
	Force     bool     `name:"force" help:"overwrite an existing dos.toml"`
	Hooks     string   `name:"hooks" help:"also wire dos's hooks into an agent host's own config {claude-code | cursor | codex | gemini | antigravity | auto}"`
	WithHooks string   `name:"with-hooks" mcp:"-" help:"same as --hooks"`
	Global    bool     `name:"global" help:"with --hooks: write the user-level hook files (under $HOME) instead of the project's"`
	Remove    bool     `name:"remove" help:"with --hooks: take dos's hooks out again (the original bytes come back)"`
	Skills    bool     `name:"skills" help:"write dos's skill pack into <dir>/.claude/skills/ instead, and touch nothing else"`
	Skill     []string `name:"skill" help:"with --skills: only this skill (repeatable; implies --skills)"`
}

// InitResult is the JSON body of init.
type InitResult struct {
	Path       string   `json:"path"`
	Written    bool     `json:"written"`
	Concurrent []string `json:"concurrent"`
	Exclusive  []string `json:"exclusive"`
	Skipped    []string `json:"skipped"`
	Summary    string   `json:"summary"`
	// Hooks is what --hooks wired or removed.
	Hooks *install.Outcome `json:"hooks,omitempty"`
	// Skills is what --skills wrote.
	Skills *SkillsOutcome `json:"skills,omitempty"`
}

// Init writes a starting dos.toml whose lanes come from the directory's
// top-level folders.
var Init = call.Def{
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
unless --force is given.

--hooks <host> also wires dos's hooks into that agent host's own config
(Claude Code .claude/settings.json, Codex .codex/hooks.json or config.toml,
Gemini CLI .gemini/settings.json, Cursor .cursor/hooks.json, Antigravity
.agents/hooks.json; --global writes the user-level files). It merges into
what is there (comments and your own hooks kept, a .dos-backup written
once), a second run changes nothing, and --remove takes dos's entries out
again. 'auto' wires every host it finds. With --hooks an existing dos.toml
is kept and is not an error. Codex runs new hooks only once they are
trusted in its /hooks review: the output says how. 'dos hosts' lists
where each host reads its hooks.

--skills writes dos's skill pack (verify a claim, take a lane, a dispatch
loop, unstick a fleet, resume a stopped run) into <dir>/.claude/skills/, one
SKILL.md per skill, and touches nothing else: no dos.toml, no hooks.
--skill <name> picks skills (every name is checked before anything is
written). A skill already there is kept unless --force, which then rewrites
only the skills. <dir> is created if missing; a relative <dir> is
taken from --workspace when given, else from the current directory. init
never edits your .gitignore.`,
	Example: `  # scaffold the current project
  dos init

  # scaffold another directory, replacing its dos.toml
  dos init ../service --force

  # then check the result
  dos lint && dos doctor

  # give Claude Code the skill pack, or two skills of it
  dos init --skills
  dos init --skill dos-verify-claim --skill dos-take-lane

  # wire the referee into Claude Code, then take it out again
  dos init --hooks claude-code
  dos init --hooks claude-code --remove`,
	Toolset:     call.Ops,
	Class:       call.Write,
	Surfaces:    call.CLI,
	NoWorkspace: true,
	Verdicts:    []*call.Verdict{&Written, &Exists, &NoHost},
	Handler:     &call.Typed[InitArgs, InitResult]{Fn: runInit},
}

func runInit(ctx context.Context, env *call.Env, a *InitArgs) (*call.Reply[InitResult], error) {
	dir := a.Dir
	if dir == "" {
		dir = "."
	}
	base := env.WorkDir()
	if env.WorkspaceFlag != "" {
		base = env.WorkspaceFlag
		if !filepath.IsAbs(base) {
			base = filepath.Join(env.WorkDir(), base)
		}
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(base, dir)
	}
	dir = filepath.Clean(dir)
	if a.Skills || len(a.Skill) > 0 {
		return initSkills(ctx, a, dir)
	}
	if a.Hooks == "" {
		a.Hooks = a.WithHooks
	}
	if a.Hooks == "" && (a.Global || a.Remove) {
		return nil, call.Usagef("--global and --remove go with --hooks <host>")
	}
	if a.Hooks != "" && a.Remove {
		return initHooks(env, a, dir, nil)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("init: create %s: %w", dir, err)
	}
	path := filepath.Join(dir, workspace.FileName)
	if _, err := os.Lstat(path); err == nil && !a.Force {
		if a.Hooks != "" {
			// dos.toml stays as it is; the hooks are what was asked for.
			return initHooks(env, a, dir, &InitResult{Path: path, Concurrent: []string{}, Exclusive: []string{}, Skipped: []string{}})
		}
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
	body := InitResult{Path: path, Written: true, Concurrent: s.Concurrent, Exclusive: s.Exclusive, Skipped: skipped, Summary: s.Summary}
	if a.Hooks != "" {
		return initHooks(env, a, dir, &body)
	}
	return &call.Reply[InitResult]{
		Verdict: Written,
		Text: "wrote " + path + "\n" + s.Summary + "\n" +
			"DOS workspace initialised. Try:  dos doctor --workspace " + shown,
		Body:           body,
		Interpretation: "dos.toml was written; run dos lint to check it and dos doctor to see the workspace.",
	}, nil
}

// initHooks wires (or with --remove takes out) dos's hooks for the host
// --hooks names, after the scaffold step (body is nil under --remove,
// which scaffolds nothing).
func initHooks(env *call.Env, a *InitArgs, dir string, body *InitResult) (*call.Reply[InitResult], error) {
	exe, _ := os.Executable()
	out, err := install.Run(install.Request{
		Hosts: a.Hooks, Remove: a.Remove, LookPath: exec.LookPath, Getenv: env.Getenv,
		Options: install.Options{
			Dir: dir, Home: env.Getenv("HOME"), CodexHome: env.Getenv("CODEX_HOME"), Global: a.Global,
			Bin: install.LocateBinaries(exe, exec.LookPath),
		},
	})
	if errors.Is(err, install.ErrNoHost) {
		return &call.Reply[InitResult]{Verdict: NoHost, Text: err.Error(),
			Body:           InitResult{Path: filepath.Join(dir, workspace.FileName), Concurrent: []string{}, Exclusive: []string{}, Skipped: []string{}},
			Interpretation: "No agent host was found to wire; name one with --hooks <host>."}, nil
	}
	if err != nil {
		return nil, &call.UsageError{Msg: err.Error()}
	}
	if body == nil {
		body = &InitResult{Path: filepath.Join(dir, workspace.FileName), Concurrent: []string{}, Exclusive: []string{}, Skipped: []string{}}
	}
	body.Hooks = &out
	text := out.Text()
	if body.Written {
		text = "wrote " + body.Path + "\n" + body.Summary + "\n" + text
	}
	gloss := "The hooks are wired: the host now asks dos before each tool call and before it stops."
	if a.Remove {
		gloss = "dos's hooks are out of the host's files; what was there before is back."
	}
	return &call.Reply[InitResult]{Verdict: Written, Text: text, Body: *body, Interpretation: gloss}, nil
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

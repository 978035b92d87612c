package setup

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/skills"
)

// SkillsOutcome is what init --skills did.
type SkillsOutcome struct {
	// Dir is where the skills went (<dir>/.claude/skills).
	Dir string `json:"dir"`
	// Installed and Skipped name the skills written and those left as they
	// were (already present, no --force).
	Installed []string `json:"installed"`
	Skipped   []string `json:"skipped"`
}

// skillsDir is where a host that loads project skills looks for them,
// relative to the project.
const skillsDir = ".claude/skills"

// initSkills writes the skill pack (or the named skills) into
// <dir>/.claude/skills/<name>/SKILL.md and touches nothing else: no
// dos.toml, no hooks. Every name is checked before anything is written; an
// existing skill is kept unless --force.
func initSkills(_ context.Context, a *InitArgs, dir string) (*call.Reply[InitResult], error) {
	if a.Hooks != "" || a.WithHooks != "" || a.Global || a.Remove {
		return nil, call.Usagef("--skills writes only the skills; run --hooks as its own step")
	}
	all := skills.Names()
	names := all
	if len(a.Skill) > 0 {
		names = nil
		var unknown []string
		for _, n := range a.Skill {
			n = strings.TrimSpace(n)
			switch {
			case !slices.Contains(all, n):
				unknown = append(unknown, n)
			case !slices.Contains(names, n):
				names = append(names, n)
			}
		}
		if len(unknown) > 0 {
			return nil, &call.UsageError{Msg: fmt.Sprintf("unknown skill(s): %s; nothing was written", strings.Join(unknown, ", ")),
				Hints: []string{"available: " + strings.Join(all, ", ")}}
		}
	}
	out := SkillsOutcome{Dir: filepath.Join(dir, filepath.FromSlash(skillsDir)), Installed: []string{}, Skipped: []string{}}
	for _, n := range names {
		path := filepath.Join(out.Dir, n, skills.FileName)
		if _, err := os.Lstat(path); err == nil && !a.Force {
			out.Skipped = append(out.Skipped, n)
			continue
		} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("init: %w", err)
		}
		body, err := skills.File(n)
		if err != nil {
			return nil, fmt.Errorf("init: %w", err)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("init: %w", err)
		}
		if err := initWriteFile(path, body); err != nil {
			return nil, fmt.Errorf("init: %w", err)
		}
		out.Installed = append(out.Installed, n)
	}
	var lines []string
	if len(out.Installed) > 0 {
		lines = append(lines, fmt.Sprintf("installed %d skill(s) into %s: %s", len(out.Installed), out.Dir, strings.Join(out.Installed, ", ")))
	}
	if len(out.Skipped) > 0 {
		lines = append(lines, fmt.Sprintf("skipped %d existing skill(s) (use --force to overwrite): %s", len(out.Skipped), strings.Join(out.Skipped, ", ")))
	}
	body := InitResult{Path: out.Dir, Written: len(out.Installed) > 0, Concurrent: []string{}, Exclusive: []string{}, Skipped: []string{}, Skills: &out}
	if len(out.Installed) == 0 {
		return &call.Reply[InitResult]{Verdict: Exists, Text: strings.Join(lines, "\n"), Body: body,
			Interpretation: "Every skill asked for is already there and was left as it is; pass --force to rewrite them."}, nil
	}
	return &call.Reply[InitResult]{Verdict: Written, Text: strings.Join(lines, "\n"), Body: body,
		Interpretation: "The skills are in place; an agent host that loads project skills (Claude Code) picks them up on its next session."}, nil
}

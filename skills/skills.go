// Package skills is dos's skill pack: one SKILL.md per workflow (verify a
// claim, take a lane, a dispatch loop, unstick a fleet, resume a stopped
// run) for agent hosts that load skills, such as Claude Code.
//
// The files are embedded, so `dos init --skills` writes them from the
// binary, and the Claude Code plugin ships the same bytes (a test keeps
// claude-plugin/skills in step). Every dos verb a skill names exists, and
// every frontmatter parses as strict YAML with exactly a name and a
// description (skills_test.go).
package skills

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
)

//go:embed */SKILL.md
var files embed.FS

// FileName is the name of a skill's file inside its directory.
const FileName = "SKILL.md"

// Names lists the skills in the pack, sorted.
func Names() []string {
	ents, _ := fs.ReadDir(files, ".")
	var out []string
	for _, e := range ents {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	slices.Sort(out)
	return out
}

// File returns the SKILL.md of the named skill.
func File(name string) ([]byte, error) {
	if !slices.Contains(Names(), name) {
		return nil, fmt.Errorf("skills: no skill %q", name)
	}
	return files.ReadFile(name + "/" + FileName)
}

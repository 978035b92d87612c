package skills_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/skills"
	"github.com/dispatchos/dos/verbs"
)

// The pack holds the workflows of spec mcp §11 that today's verbs can
// serve, each embedded byte for byte from skills/<name>/SKILL.md.
func TestPackIsEmbedded(t *testing.T) {
	names := skills.Names()
	for _, want := range []string{"dos-verify-claim", "dos-take-lane", "dos-dispatch-loop", "dos-unstick", "dos-resume"} {
		if _, err := skills.File(want); err != nil {
			t.Errorf("%s: %v", want, err)
		}
	}
	dirs, _ := filepath.Glob("*/SKILL.md")
	if len(dirs) != len(names) {
		t.Errorf("%d skill files on disk, %d embedded", len(dirs), len(names))
	}
	for _, n := range names {
		disk, err := os.ReadFile(filepath.Join(n, skills.FileName))
		emb, _ := skills.File(n)
		if err != nil || !bytes.Equal(disk, emb) {
			t.Errorf("%s: the embedded copy differs from the file (%v)", n, err)
		}
	}
	if _, err := skills.File("../go.mod"); err == nil {
		t.Error("File reached outside the pack")
	}
}

// Spec mcp §11.1: the frontmatter is strict YAML with exactly name and
// description; the name is the directory's; the body opens with its title.
func TestFrontmatterIsStrict(t *testing.T) {
	nameRE := regexp.MustCompile(`^[a-z][a-z0-9-]{1,63}$`)
	for _, n := range skills.Names() {
		b, _ := skills.File(n)
		s := string(b)
		if !strings.HasPrefix(s, "---\n") {
			t.Errorf("%s: does not open with ---", n)
			continue
		}
		front, body, ok := strings.Cut(s[4:], "\n---\n")
		if !ok {
			t.Errorf("%s: frontmatter not closed", n)
			continue
		}
		var fm struct {
			Name        string `yaml:"name"`
			Description string `yaml:"description"`
		}
		if err := yaml.UnmarshalWithOptions([]byte(front), &fm, yaml.Strict()); err != nil {
			t.Errorf("%s: frontmatter: %v", n, err)
			continue
		}
		if fm.Name != n || !nameRE.MatchString(fm.Name) {
			t.Errorf("%s: name %q", n, fm.Name)
		}
		if l := len(fm.Description); l < 200 || l > 1024 || strings.ContainsAny(fm.Description, "<>\n") {
			t.Errorf("%s: description of %d characters (want 200..1024, one line, no angle brackets)", n, l)
		}
		// Plain scalars with ": " break strict parsers: quote them.
		for _, line := range strings.Split(front, "\n") {
			k, v, _ := strings.Cut(line, ": ")
			if k == "description" && !strings.HasPrefix(v, `"`) {
				t.Errorf("%s: the description is not quoted", n)
			}
		}
		if !strings.HasPrefix(strings.TrimLeft(body, "\n"), "# "+n+" — ") {
			t.Errorf("%s: the body does not open with '# %s — <tagline>'", n, n)
		}
		for _, h := range []string{"## Inputs", "## Step 1", "## What this skill deliberately does NOT do", "## Anti-patterns"} {
			if !strings.Contains(body, h) {
				t.Errorf("%s: no %q section", n, h)
			}
		}
	}
}

// Every dos command and MCP tool a skill names exists today, and no skill
// carries another project's paths (spec mcp §11.1 litmus).
func TestSkillsNameOnlyRealVerbs(t *testing.T) {
	reg := verbs.All()
	tools := map[string]bool{}
	for _, d := range reg {
		if d.Has(call.MCP) {
			tools[d.ToolName()] = true
		}
	}
	handWritten := map[string]bool{"mcp": true}
	codeRE := regexp.MustCompile("(?s)```.*?```|`[^`\n]+`")
	verbRE := regexp.MustCompile(`\bdos ([a-z][a-z-]*)(?: ([a-z][a-z-]*))?`)
	toolRE := regexp.MustCompile(`\bdos_[a-z_]*[a-z]`)
	for _, n := range skills.Names() {
		b, _ := skills.File(n)
		named := 0
		for _, code := range codeRE.FindAllString(string(b), -1) {
			for _, m := range verbRE.FindAllStringSubmatch(code, -1) {
				named++
				if reg.Lookup(m[1]+" "+m[2]) == nil && reg.Lookup(m[1]) == nil && !handWritten[m[1]] {
					t.Errorf("%s names `dos %s`, which is no verb", n, strings.TrimSpace(m[1]+" "+m[2]))
				}
			}
		}
		for _, tool := range toolRE.FindAllString(string(b), -1) {
			if !tools[tool] && !strings.HasSuffix(tool, "_") {
				t.Errorf("%s names the tool %s, which is not served", n, tool)
			}
		}
		if named < 3 {
			t.Errorf("%s names only %d dos commands", n, named)
		}
		for _, bad := range []string{"docs/_plans", "output/next-up", "docs/_chained_runs", "docs/_dispatch_loops",
			"decisions-pending.md", "findings-followup-queue", "next-hits.md", "replan-state.yaml", "python scripts/", "pip install"} {
			if strings.Contains(string(b), bad) {
				t.Errorf("%s carries the host literal %q", n, bad)
			}
		}
	}
}

package mcp_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dispatchos/dos/hostcfg/install"
	"github.com/dispatchos/dos/internal/version"
	"github.com/dispatchos/dos/skills"
)

// root is the repository root, seen from this package.
const root = "../.."

// Every plugin, registry and extension manifest parses, carries dos's
// version, and names only commands this module builds (issue: packaging).
func TestPackagingManifests(t *testing.T) {
	var commands []string
	read := func(rel string, v any) {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		if err := dec.Decode(v); err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
	}
	type servers struct {
		MCPServers map[string]struct {
			Command string
			Args    []string
			Env     map[string]string
		} `json:"mcpServers"`
	}
	wantVersion := func(rel, got string) {
		t.Helper()
		if got != version.Version {
			t.Errorf("%s: version %q, dos is %q", rel, got, version.Version)
		}
	}

	var plugin struct{ Name, Version, Description string }
	read("claude-plugin/.claude-plugin/plugin.json", &plugin)
	wantVersion("plugin.json", plugin.Version)
	if plugin.Name == "" || plugin.Description == "" {
		t.Errorf("plugin.json: %+v", plugin)
	}

	var market struct {
		Name    string
		Owner   struct{ Name string }
		Plugins []struct{ Name, Source, Version string }
	}
	read(".claude-plugin/marketplace.json", &market)
	if market.Name == "" || market.Owner.Name == "" || len(market.Plugins) != 1 {
		t.Fatalf("marketplace.json: %+v", market)
	}
	mp := market.Plugins[0]
	wantVersion("marketplace.json", mp.Version)
	if mp.Name != plugin.Name || !strings.HasPrefix(mp.Source, "./") || path.Clean(mp.Source) != "claude-plugin" {
		t.Errorf("marketplace.json: plugin %+v does not point at claude-plugin/ (%s)", mp, plugin.Name)
	}

	var mcpJSON servers
	read("claude-plugin/.mcp.json", &mcpJSON)
	if _, ok := mcpJSON.MCPServers["dos"]; !ok || len(mcpJSON.MCPServers) != 1 {
		t.Errorf(".mcp.json: the one server must be named dos: %+v", mcpJSON)
	}
	for _, s := range mcpJSON.MCPServers {
		commands = append(commands, s.Command)
	}

	var gemini struct {
		servers
		Name, Version, ContextFileName string
	}
	read("gemini-extension.json", &gemini)
	wantVersion("gemini-extension.json", gemini.Version)
	if _, err := os.Stat(filepath.Join(root, gemini.ContextFileName)); err != nil || gemini.ContextFileName == "" {
		t.Errorf("gemini-extension.json: context file %q: %v", gemini.ContextFileName, err)
	}
	for _, s := range gemini.MCPServers {
		commands = append(commands, s.Command)
	}

	var reg struct {
		Name, Version string
		Packages      []struct {
			RegistryType, Identifier, Version string
			Transport                         struct{ Type string }
			EnvironmentVariables              []struct{ Name string }
		}
		Meta map[string]map[string]any `json:"_meta"`
	}
	read("server.json", &reg)
	wantVersion("server.json", reg.Version)
	if !regexp.MustCompile(`^io\.github\.[a-z0-9-]+/[a-z0-9._-]+$`).MatchString(reg.Name) || len(reg.Packages) == 0 {
		t.Errorf("server.json: %+v", reg)
	}
	bin, _ := reg.Meta["io.modelcontextprotocol.registry/publisher-provided"]["binary"].(string)
	commands = append(commands, bin)
	for _, p := range reg.Packages {
		wantVersion("server.json package", p.Version)
		if p.Transport.Type != "stdio" || !strings.Contains(p.Identifier, "/v"+version.Version+"/"+bin+"-") {
			t.Errorf("server.json package %+v does not name %s at v%s", p, bin, version.Version)
		}
		// Every variable the server reads is declared to the registry.
		var declared []string
		for _, e := range p.EnvironmentVariables {
			declared = append(declared, e.Name)
		}
		for _, name := range serverEnv(t) {
			if !slices.Contains(declared, name) {
				t.Errorf("server.json package %s does not declare $%s, which dos-mcp reads", p.Identifier, name)
			}
		}
	}

	// The plugin's hooks run real hook verbs in Claude Code's dialect, the
	// commands dos init --hooks writes.
	var hooks struct {
		Hooks map[string][]struct {
			Hooks []struct{ Type, Command string }
		}
	}
	read("claude-plugin/hooks/hooks.json", &hooks)
	for _, ev := range []string{"PreToolUse", "PostToolUse", "Stop"} {
		if len(hooks.Hooks[ev]) == 0 {
			t.Errorf("hooks.json: no %s hook", ev)
		}
	}
	for ev, groups := range hooks.Hooks {
		for _, g := range groups {
			for _, h := range g.Hooks {
				v, ok := install.DosVerb(h.Command)
				if !ok || h.Type != "command" || !strings.HasSuffix(h.Command, " --dialect "+string(install.ClaudeCode)) {
					t.Errorf("hooks.json %s: %+v is not a dos hook verb in Claude Code's dialect", ev, h)
				}
				if want := map[string]install.Verb{"PreToolUse": install.PreTool, "PostToolUse": install.PostTool,
					"Stop": install.Stop, "SubagentStop": install.Stop}[ev]; v != want {
					t.Errorf("hooks.json %s runs %s, want %s", ev, v, want)
				}
				commands = append(commands, strings.Fields(h.Command)[0])
			}
		}
	}

	if len(commands) < 3 {
		t.Fatalf("only %d commands found", len(commands))
	}
	for _, c := range commands {
		name := path.Base(strings.ReplaceAll(c, "${CLAUDE_PLUGIN_ROOT}", ""))
		b, err := os.ReadFile(filepath.Join(root, "cmd", name, "main.go"))
		if err != nil || !bytes.Contains(b, []byte("package main")) {
			t.Errorf("a manifest starts %q, which this module does not build (no cmd/%s)", c, name)
		}
	}
}

// The plugin ships the skill pack byte for byte (one source of truth:
// skills/). DOS_UPDATE_SNAPS=1 copies the pack over.
func TestPluginSkillsMatchThePack(t *testing.T) {
	dir := filepath.Join(root, "claude-plugin", "skills")
	if os.Getenv("DOS_UPDATE_SNAPS") == "1" {
		os.RemoveAll(dir)
		for _, n := range skills.Names() {
			b, _ := skills.File(n)
			os.MkdirAll(filepath.Join(dir, n), 0o755)
			if err := os.WriteFile(filepath.Join(dir, n, skills.FileName), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	ents, _ := os.ReadDir(dir)
	var have []string
	for _, e := range ents {
		have = append(have, e.Name())
		want, err := skills.File(e.Name())
		got, gerr := os.ReadFile(filepath.Join(dir, e.Name(), skills.FileName))
		if err != nil || gerr != nil || !bytes.Equal(got, want) {
			t.Errorf("claude-plugin/skills/%s differs from skills/%s (run DOS_UPDATE_SNAPS=1 go test ./surface/mcp)", e.Name(), e.Name())
		}
	}
	if !slices.Equal(have, skills.Names()) {
		t.Errorf("claude-plugin/skills holds %v, the pack %v", have, skills.Names())
	}
}

// serverEnv lists the environment variables the MCP server's main reads
// (getenv("NAME") in main.go), plus DISPATCH_WORKSPACE, which the
// workspace resolution reads for it.
func serverEnv(t *testing.T) []string {
	b, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"DISPATCH_WORKSPACE"}
	for _, m := range regexp.MustCompile(`getenv\("([A-Z_]+)"\)`).FindAllSubmatch(b, -1) {
		names = append(names, string(m[1]))
	}
	if len(names) < 4 {
		t.Fatalf("found only %v in main.go", names)
	}
	return names
}

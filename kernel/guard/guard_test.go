package guard

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
)

// Spec hooks §9: the argv is the host command, then the injected flags.
func TestFrame(t *testing.T) {
	p, err := Frame(Options{Host: []string{"claude", "-p", "hi"}, MCPCommand: "dos-mcp"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"claude", "-p", "hi", "--mcp-config", `{"mcpServers":{"dos":{"command":"dos-mcp"}}}`}
	if !slices.Equal(p.Argv, want) || p.Settings != nil {
		t.Errorf("%q", p.Argv)
	}
	p, _ = Frame(Options{Host: []string{"--", "claude"}, MCPCommand: "/x/dos-mcp", StrictMCP: true, VerifyOnStop: true,
		StopCommand: "/x/dos-hook stop --dialect claude-code --workspace .", ClaimPrompt: true})
	want = []string{"claude", "--mcp-config", `{"mcpServers":{"dos":{"command":"/x/dos-mcp"}}}`, "--strict-mcp-config",
		"--settings", `{"hooks":{"Stop":[{"hooks":[{"command":"/x/dos-hook stop --dialect claude-code --workspace .","type":"command"}]}]}}`,
		"--append-system-prompt", ClaimPrompt}
	if !slices.Equal(p.Argv, want) || !slices.Equal(p.Host, []string{"claude"}) || len(p.Notes) != 4 {
		t.Errorf("%q\n%q", p.Argv, p.Notes)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(p.Argv[5]), &s); err != nil {
		t.Error(err)
	}
	p, _ = Frame(Options{Host: []string{"claude"}, NoMCP: true, StrictMCP: true})
	if !slices.Equal(p.Argv, []string{"claude"}) || p.MCPConfig != nil {
		t.Errorf("no-mcp: %q", p.Argv)
	}
	for _, h := range [][]string{nil, {}, {"--"}, {""}, {" "}} {
		if _, err := Frame(Options{Host: h}); !errors.Is(err, ErrNoHost) {
			t.Errorf("%q: %v", h, err)
		}
	}
}

func TestQuote(t *testing.T) {
	if got := Quote([]string{"claude", "-p", "it's", "", `{"a":1}`}); got != `claude -p 'it'\''s' '' '{"a":1}'` {
		t.Error(got)
	}
}

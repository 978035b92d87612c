package guard

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
)

// ClaimPrompt is the text added to the host's system prompt with
// --claim-prompt: it asks the agent to end finished work with a claim line
// the stop hook can check against git.
const ClaimPrompt = "When you finish a unit of work, end your final message with one line " +
	"`DOS-CLAIM: <plan> <phase>` naming it (for example `DOS-CLAIM: AUTH AUTH1`). " +
	"dos checks that line against git before the session may stop; claim only what is committed."

// ErrNoHost is returned when no host command follows `--`.
var ErrNoHost = errors.New("dos guard needs a host command after `--` (for example: dos guard -- claude -p \"fix the bug\")")

// Options say how to frame the launch.
type Options struct {
	// Host is the host command line (after `--`; one leading "--" is
	// dropped).
	Host []string
	// NoMCP leaves the MCP config out.
	NoMCP bool
	// StrictMCP adds --strict-mcp-config: the host loads only dos's server.
	StrictMCP bool
	// VerifyOnStop adds a Stop hook running StopCommand.
	VerifyOnStop bool
	// ClaimPrompt adds --append-system-prompt with [ClaimPrompt].
	ClaimPrompt bool
	// MCPCommand is the program of the dos MCP server ("dos-mcp").
	MCPCommand string
	// StopCommand is the stop hook's command line.
	StopCommand string
}

// Plan is the framed launch.
type Plan struct {
	// Argv is the full command line to start.
	Argv []string
	// Host is the host command as given.
	Host []string
	// MCPConfig is the --mcp-config object (nil with NoMCP).
	MCPConfig map[string]any
	// Settings is the --settings object (nil when nothing is set).
	Settings map[string]any
	// Notes say what was added and why, one line each.
	Notes []string
}

// Frame builds the plan for o.
func Frame(o Options) (Plan, error) {
	host := o.Host
	if len(host) > 0 && host[0] == "--" {
		host = host[1:]
	}
	if len(host) == 0 || strings.TrimSpace(host[0]) == "" {
		return Plan{}, ErrNoHost
	}
	p := Plan{Host: host, Argv: append([]string{}, host...), Notes: []string{}}
	if !o.NoMCP {
		p.MCPConfig = map[string]any{"mcpServers": map[string]any{"dos": map[string]any{"command": o.MCPCommand}}}
		p.Argv = append(p.Argv, "--mcp-config", compact(p.MCPConfig))
		p.Notes = append(p.Notes, "--mcp-config serves dos's tools to the host through "+o.MCPCommand)
		if o.StrictMCP {
			p.Argv = append(p.Argv, "--strict-mcp-config")
			p.Notes = append(p.Notes, "--strict-mcp-config: the host loads no other MCP server")
		}
	} else if o.StrictMCP {
		p.Notes = append(p.Notes, "--strict-mcp is ignored with --no-mcp")
	}
	if o.VerifyOnStop {
		p.Settings = map[string]any{"hooks": map[string]any{"Stop": []any{
			map[string]any{"hooks": []any{map[string]any{"type": "command", "command": o.StopCommand}}},
		}}}
		p.Argv = append(p.Argv, "--settings", compact(p.Settings))
		p.Notes = append(p.Notes, "--settings adds a Stop hook ("+o.StopCommand+"): an unverified DOS-CLAIM keeps the agent going once")
	}
	if o.ClaimPrompt {
		p.Argv = append(p.Argv, "--append-system-prompt", ClaimPrompt)
		p.Notes = append(p.Notes, "--append-system-prompt asks for a DOS-CLAIM line (Claude Code's flag; the reference's settings key appendSystemPrompt is not one Claude Code documents)")
	}
	return p, nil
}

// compact encodes v as compact JSON with sorted keys, unescaped.
func compact(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v) // maps of strings and slices: cannot fail
	return strings.TrimRight(b.String(), "\n")
}

// Quote renders argv as one POSIX shell line a person can paste.
func Quote(argv []string) string {
	out := make([]string, len(argv))
	for i, a := range argv {
		out[i] = quote(a)
	}
	return strings.Join(out, " ")
}

func quote(s string) string {
	if s == "" {
		return "''"
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+:@%,=", r)) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}

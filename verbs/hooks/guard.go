package hooks

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/hostcfg/install"
	"github.com/dispatchos/dos/kernel/guard"
)

// GuardArgs are the arguments of guard.
type GuardArgs struct {
	VerifyOnStop bool     `name:"verify-on-stop" help:"add a Stop hook that checks the agent's DOS-CLAIM against git before it may stop"`
	ClaimPrompt  bool     `name:"claim-prompt" help:"ask the agent (--append-system-prompt) to end finished work with a DOS-CLAIM line"`
	NoMCP        bool     `name:"no-mcp" help:"do not add dos's MCP server"`
	StrictMCP    bool     `name:"strict-mcp" help:"add --strict-mcp-config: the host loads dos's MCP server and no other"`
	PrintConfig  bool     `name:"print-config" help:"print the plan (with --json: as JSON) and launch nothing"`
	Host         []string `name:"host-command" pos:"rest" help:"the host command line, after --"`
}

// GuardResult is guard's plan, printed by --print-config.
type GuardResult struct {
	// Argv is the command line guard starts.
	Argv []string `json:"argv"`
	// HostCommand is the host command as given.
	HostCommand []string `json:"host_command"`
	// MCPConfig is the --mcp-config object (absent with --no-mcp).
	MCPConfig map[string]any `json:"mcp_config,omitempty"`
	// Notes say what was added and why.
	Notes []string `json:"notes"`
	// Settings is the --settings object (absent when nothing is set).
	Settings map[string]any `json:"settings,omitempty"`
}

// Guard launches a headless host framed with dos.
var Guard = call.Def{
	Path:  "guard",
	Use:   "[--verify-on-stop] [--claim-prompt] [--no-mcp] [--strict-mcp] [--print-config [--json]] -- <host-command>...",
	Short: "Launch a headless agent host with dos's MCP server and stop hook wired in",
	Long: `USE THIS WHEN: you start a headless agent run (claude -p ...) and want it to
reach dos's tools and be unable to stop on an unverified "done", without
editing any settings file.

guard adds flags after the host command's own (Claude Code's command line):
  --mcp-config '{"mcpServers":{"dos":{"command":"dos-mcp"}}}'  (not with --no-mcp;
                 dos-mcp beside dos is named by its path)
  --strict-mcp-config                          with --strict-mcp
  --settings '{"hooks":{"Stop":[...]}}'        with --verify-on-stop: the stop
                 hook runs dos-hook when it sits beside dos (or is on PATH),
                 else 'dos hook stop', with --workspace (default .)
  --append-system-prompt '<ask for a DOS-CLAIM line>'  with --claim-prompt
and then runs the result in dos's place: the host owns the terminal and its
exit code is guard's. A host not found on PATH is exit 127.

--print-config prints the plan (host command, what is added, the final
command line quoted for a shell) and launches nothing; with --json it is
{argv, host_command, mcp_config, notes, settings}.

Unlike the Python reference, the claim prompt goes in through Claude Code's
--append-system-prompt flag, not an appendSystemPrompt key in --settings,
which Claude Code does not document. guard is a command-line verb only: it
drives a terminal, so it is no MCP tool.`,
	Example: `  dos guard --verify-on-stop -- claude -p "finish AUTH1 and commit it"
  dos guard --claim-prompt --strict-mcp -- claude -p "..." --model sonnet
  dos guard --verify-on-stop --print-config --json -- claude -p hi`,
	Toolset:  call.Ops,
	Class:    call.ReadOnly,
	Surfaces: call.CLI,
	Handler: &call.Typed[GuardArgs, GuardResult]{Fn: func(ctx context.Context, env *call.Env, a *GuardArgs) (*call.Reply[GuardResult], error) {
		exe, _ := os.Executable()
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		bins := install.LocateBinaries(exe, exec.LookPath)
		ws := "."
		if env.WorkspaceFlag != "" {
			ws = env.WorkspaceFlag
		}
		plan, err := guard.Frame(guard.Options{
			Host: a.Host, NoMCP: a.NoMCP, StrictMCP: a.StrictMCP, VerifyOnStop: a.VerifyOnStop, ClaimPrompt: a.ClaimPrompt,
			MCPCommand:  mcpCommand(exe),
			StopCommand: bins.Command(install.Stop, install.ClaudeCode) + " --workspace " + guard.Quote([]string{ws}),
		})
		if errors.Is(err, guard.ErrNoHost) {
			return nil, &call.UsageError{Msg: err.Error()}
		}
		if err != nil {
			return nil, err
		}
		body := GuardResult{Argv: plan.Argv, HostCommand: plan.Host, MCPConfig: plan.MCPConfig, Notes: plan.Notes, Settings: plan.Settings}
		rep := &call.Reply[GuardResult]{Text: planText(plan), Body: body,
			Interpretation: "guard starts the host with dos's flags added after the host's own: " + guard.Quote(plan.Argv)}
		if !a.PrintConfig {
			rep.Launch = plan.Argv
		}
		return rep, nil
	}},
}

// mcpCommand names dos-mcp by its path when it sits beside dos, else by
// its name (the host finds it on PATH).
func mcpCommand(exe string) string {
	if exe != "" {
		p := filepath.Join(filepath.Dir(exe), "dos-mcp")
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
	}
	return "dos-mcp"
}

// planText is --print-config's human form.
func planText(p guard.Plan) string {
	var b strings.Builder
	b.WriteString("host command: " + guard.Quote(p.Host) + "\n")
	for _, n := range p.Notes {
		b.WriteString("adds: " + n + "\n")
	}
	b.WriteString("runs: " + guard.Quote(p.Argv))
	return b.String()
}

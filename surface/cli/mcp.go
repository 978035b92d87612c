package cli

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/dispatchos/dos/call"
)

// mcpBinary is the MCP server's program, installed beside dos.
const mcpBinary = "dos-mcp"

// newMCPCommand is `dos mcp`: it runs dos-mcp, the same server, with the
// same arguments and streams. It is written by hand, not built from the
// registry, because a command that drives a server is no syscall (and so no
// tool). dos runs the separate binary rather than linking the MCP library,
// which would add its start-up cost (and net/http) to every dos call.
func newMCPCommand(env *call.Env, stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "mcp [--toolsets <set>[,<set>...]] [--read-only] [--workspace <dir>] [--list-tools [--json]]",
		Short: "Serve dos's verbs as MCP tools over stdio (runs dos-mcp)",
		Long: `USE THIS WHEN: an MCP host (Claude Code or Desktop, Cursor, VS Code, Codex,
Gemini CLI) should ask dos through tools instead of the command line.

dos mcp runs dos-mcp, the stdio MCP server, with these arguments; it looks
for dos-mcp beside the dos binary, then on $PATH ('go install ./cmd/...'
installs both). Every verb with the MCP surface is a tool (dos_verify,
dos_arbitrate, ...) that answers what 'dos <verb> --json --explain' prints.

  --toolsets <sets>  core (default: read-only, at most 15 tools), truth,
                     admission, spine, ops, write (every tool that writes),
                     all; comma-separated, replacing the default
                     ($DOS_MCP_TOOLSETS too)
  --read-only        serve no tool that writes and never run [verify] exec_cmd
  --workspace <dir>  the workspace of a call that names none
  --list-tools       print the tools a host would see, and exit (--json: the
                     tools/list answer)

A call runs at most $DOS_MCP_TOOL_DEADLINE_MS (default 5000; 0 for none)
and then answers STALLED; the workspace is the call's workspace argument,
else --workspace, else $DISPATCH_WORKSPACE, else the server's directory.
Of the global flags below only --workspace reaches the server, given after
mcp.`,
		Example: `  dos mcp --list-tools
  dos mcp --toolsets core,write
  claude mcp add dos -- dos mcp`,
		DisableFlagParsing: true,
		RunE: func(c *cobra.Command, args []string) error {
			if slices.Contains(args, "-h") || slices.Contains(args, "--help") {
				return c.Help()
			}
			bin, err := findMCPBinary(env)
			if err != nil {
				return err
			}
			code, err := execOrRun(bin, args, stdio)
			if err != nil {
				return err
			}
			if code != 0 {
				return &exitError{code: code}
			}
			return nil
		},
	}
}

// findMCPBinary finds dos-mcp beside the running dos (symlinks resolved),
// else on $PATH.
func findMCPBinary(env *call.Env) (string, error) {
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		p := filepath.Join(filepath.Dir(exe), mcpBinary)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath(mcpBinary); err == nil {
		return p, nil
	}
	return "", &call.UsageError{Msg: "dos mcp runs the dos-mcp binary, which is neither beside dos nor on $PATH",
		Hints: []string{"go install github.com/dispatchos/dos/cmd/dos-mcp@latest (or go install ./cmd/... from a checkout)"}}
}

// runChild runs bin with args on stdio and returns its exit code; a
// platform with exec(2) replaces this process instead (execOrRun).
func runChild(bin string, args []string, stdio IO) (int, error) {
	cmd := exec.Command(bin, args...)
	// The server is the one process that must read the protocol stream.
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdio.In, stdio.Out, stdio.Err
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), nil
	}
	return 0, err
}

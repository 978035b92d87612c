package cli

import (
	"github.com/spf13/cobra"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/surface/mcp"
)

// newMCPCommand is `dos mcp`: the dos-mcp server inside the dos binary. It
// is written by hand, not built from the registry, because a command that
// drives a server is no syscall (and so no tool). Its flags are dos-mcp's,
// parsed by surface/mcp.
func newMCPCommand(env *call.Env, stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:                "mcp [--toolsets <set>[,<set>...]] [--read-only] [--list-tools [--json]]",
		Short:              "Serve dos's verbs as MCP tools over stdio (the same server as dos-mcp)",
		DisableFlagParsing: true,
		RunE: func(c *cobra.Command, args []string) error {
			code := mcp.Run(args, mcp.IO{In: stdio.In, Out: stdio.Out, Err: stdio.Err},
				mcp.Options{Prog: "dos mcp", Registry: env.Registry, Getenv: env.Getenv})
			if code != 0 {
				return &exitError{code: code}
			}
			return nil
		},
	}
}

package setup

import (
	"context"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/hostcfg/install"
)

// HostsArgs takes nothing.
type HostsArgs struct{}

// HostsResult lists every agent host dos can wire.
type HostsResult []install.HostInfo

// Hosts lists the agent hosts dos wires its hooks into.
var Hosts = call.Def{
	Path:  "hosts",
	Short: "List the agent hosts dos can wire its hooks into, and where each reads them",
	Long: `USE THIS WHEN: you want to know which file an agent host reads its hooks from
before running 'dos init --hooks <host>', or which events dos wires there.

hosts prints, for Claude Code, Cursor, Codex CLI, Gemini CLI and Antigravity,
the project-level and user-level files each reads its hooks from (the first
of each is the one dos writes), the events dos wires and the verb each runs,
and the per-hook timeout it writes. It reads nothing and writes nothing.`,
	Example:     "  dos hosts\n  dos hosts --json",
	Toolset:     call.Ops,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	NoWorkspace: true,
	Handler: &call.Typed[HostsArgs, HostsResult]{Fn: func(ctx context.Context, env *call.Env, _ *HostsArgs) (*call.Reply[HostsResult], error) {
		return &call.Reply[HostsResult]{Text: install.HostsText(), Body: install.Hosts()}, nil
	}},
}

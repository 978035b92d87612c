package mcp

import (
	"fmt"
	"io"

	"github.com/mark3labs/mcp-go/server"
	"github.com/rs/zerolog"

	mcpgo "github.com/mark3labs/mcp-go/mcp"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/internal/version"
)

// Name is the server name reported to hosts.
const Name = "dos"

// instructions is what a host may show its model about the server.
const instructions = `dos is the referee of a fleet of coding agents: it never believes what an agent says it did, and answers from ground truth (git history, the file tree, dos's own journals). Use dos_verify to check that a claimed unit of work really shipped, dos_commit_audit to check that a commit's diff does what its message claims, dos_arbitrate before starting work on a lane to learn whether it would collide with work already running, and dos_refuse_reasons then dos_check_reason to refuse or park work with a reason from the workspace's closed vocabulary. Every tool that reads a workspace takes an optional workspace argument; left out, it is $DISPATCH_WORKSPACE, else the directory the server was started in. A negative verdict is an answer, not an error: read verdict and exit_code. Which tools are listed depends on the toolsets the server was started with (dos mcp --list-tools shows them).`

// Server is one MCP server over a registry: the tools, resources and
// prompts it offers, and the base Env each call's Env is made from.
type Server struct {
	reg  call.Registry
	base *call.Env
	cfg  Config
	log  zerolog.Logger
	defs []*call.Def
	// MCP is the mcp-go server, ready to serve on a transport.
	MCP *server.MCPServer
}

// New builds a server offering, from reg, the tools cfg selects (see
// [Config.Serves]), with the resources and prompts whose tools are among
// them. Each call runs in an Env made from base ([call.Env.ForCall]);
// base.Stdin must not be the server's own input (the protocol stream), so
// New replaces it with an empty reader.
func New(reg call.Registry, base *call.Env, cfg Config, log zerolog.Logger) (*Server, error) {
	b := base.ForCall(call.Common{})
	b.Stdin = emptyReader{}
	if b.Registry == nil {
		b.Registry = reg
	}
	s := &Server{reg: reg, base: b, cfg: cfg, log: log}
	s.MCP = server.NewMCPServer(Name, version.String(),
		server.WithInstructions(instructions),
		server.WithToolCapabilities(false),
		server.WithResourceCapabilities(false, false),
		server.WithPromptCapabilities(false),
		server.WithRecovery(),
		server.WithResourceRecovery(),
	)
	defs, tools, err := served(reg, cfg)
	if err != nil {
		return nil, err
	}
	s.defs = defs
	for i, d := range defs {
		s.MCP.AddTool(tools[i], s.handler(d))
	}
	s.addResources()
	s.addPrompts()
	return s, nil
}

// Tools lists the tools a server with cfg offers from reg, in registry
// order: what a host sees in tools/list.
func Tools(reg call.Registry, cfg Config) ([]mcpgo.Tool, error) {
	_, tools, err := served(reg, cfg)
	return tools, err
}

// served is the one selection New and Tools share: the Defs of reg that cfg
// serves, in registry order, and the tool made from each.
func served(reg call.Registry, cfg Config) ([]*call.Def, []mcpgo.Tool, error) {
	var defs []*call.Def
	var tools []mcpgo.Tool
	for _, d := range reg {
		if !cfg.Serves(d) {
			continue
		}
		t, err := Tool(d, cfg)
		if err != nil {
			return nil, nil, fmt.Errorf("mcp: %w", err)
		}
		defs, tools = append(defs, d), append(tools, t)
	}
	return defs, tools, nil
}

// serves reports whether the server offers the tool named name.
func (s *Server) serves(name string) bool {
	for _, d := range s.defs {
		if d.ToolName() == name {
			return true
		}
	}
	return false
}

// emptyReader is the standard input of every call: always at its end, so
// nothing a handler starts can read the protocol stream.
type emptyReader struct{}

func (emptyReader) Read([]byte) (int, error) { return 0, io.EOF }

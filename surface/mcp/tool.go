package mcp

import (
	"fmt"
	"strings"

	mcpgo "github.com/mark3labs/mcp-go/mcp"

	"github.com/dispatchos/dos/call"
)

// Tool is the MCP tool a server with cfg declares for d: name, title,
// description, input and output schemas, and annotations read from d's
// class (a read-only tool is idempotent and changes nothing; a write tool
// appends; a destructive one rewrites; none reaches outside the machine).
func Tool(d *call.Def, cfg Config) (mcpgo.Tool, error) {
	in, err := rawSchema(d.InputSchema())
	if err != nil {
		return mcpgo.Tool{}, fmt.Errorf("%s: %w", d.ToolName(), err)
	}
	os, err := OutputSchema(d)
	if err != nil {
		return mcpgo.Tool{}, fmt.Errorf("%s: %w", d.ToolName(), err)
	}
	out, err := rawSchema(os)
	if err != nil {
		return mcpgo.Tool{}, fmt.Errorf("%s: %w", d.ToolName(), err)
	}
	readOnly := d.Class == call.ReadOnly
	title := "dos " + d.Path
	return mcpgo.Tool{
		Name:            d.ToolName(),
		Title:           title,
		Description:     description(d, cfg),
		RawInputSchema:  in,
		RawOutputSchema: out,
		Annotations: mcpgo.ToolAnnotation{
			Title:           title,
			ReadOnlyHint:    mcpgo.ToBoolPtr(readOnly),
			DestructiveHint: mcpgo.ToBoolPtr(d.Class == call.Destructive),
			IdempotentHint:  mcpgo.ToBoolPtr(readOnly),
			OpenWorldHint:   mcpgo.ToBoolPtr(false),
		},
	}, nil
}

// description is d's help as a host reads it: the summary, the long help
// (which opens with "USE THIS WHEN:"), then what differs over MCP.
func description(d *call.Def, cfg Config) string {
	var b strings.Builder
	b.WriteString(strings.TrimRight(d.Short, ".") + ".\n\n" + strings.TrimSpace(d.Long) + "\n\nOver MCP:")
	if !d.NoWorkspace {
		b.WriteString(" workspace defaults to the server's --workspace, then $DISPATCH_WORKSPACE, then the server's working directory.")
	}
	b.WriteString(" The CLI's flags are arguments with _ for - (--no-ci is no_ci).")
	b.WriteString(" The answer's structured content is the object `dos " + d.Path + " --json --explain` prints;" +
		" a broken contract (bad arguments, no workspace) is an isError result with the CLI's one-line error.")
	if listsAnswer(d) {
		b.WriteString(" A list answer comes wrapped in an object, {\"" + ItemsKey + "\": [...], \"syscall\", \"exit_code\"}, whose " +
			ItemsKey + " is exactly the list the CLI prints.")
	}
	if cfg.ReadOnly {
		for _, f := range call.Fields(d.NewArgs()) {
			if f.Safe && f.MCP {
				b.WriteString(" This server runs read-only, so " + f.MCPName() + " is always true (" + f.Help + ").")
			}
		}
	}
	return b.String()
}

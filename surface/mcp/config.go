package mcp

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dispatchos/dos/call"
)

// The toolset names a selection may hold besides the registry's own
// toolsets: All serves every tool.
const All = "all"

// DefaultDeadline bounds one tool call when DOS_MCP_TOOL_DEADLINE_MS is
// unset or unreadable.
const DefaultDeadline = 5 * time.Second

// knownSets lists every toolset name a selection may use, in help order.
var knownSets = []string{
	string(call.Core), string(call.Truth), string(call.Admission), string(call.Spine),
	string(call.Ops), string(call.WriteSet), All,
}

// Config selects what one server offers and how it runs calls.
type Config struct {
	// Toolsets names the toolsets served; empty means core alone.
	Toolsets []string
	// ReadOnly refuses every tool that writes, even when its toolset is
	// listed, and forces each safe argument on (verify runs no
	// [verify] exec_cmd).
	ReadOnly bool
	// Deadline bounds one tool call; zero means no bound.
	Deadline time.Duration
}

// ParseToolsets splits a comma-separated toolset list ("core,write") and
// checks each name. An unknown name is a usage error naming the known ones.
func ParseToolsets(s string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(s, ",") {
		p = strings.ToLower(strings.TrimSpace(p))
		if p == "" {
			continue
		}
		if !slices.Contains(knownSets, p) {
			return nil, &call.UsageError{Msg: fmt.Sprintf("unknown toolset %q; known: %s", p, strings.Join(knownSets, ", "))}
		}
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out, nil
}

// ParseDeadline reads DOS_MCP_TOOL_DEADLINE_MS: a whole number of
// milliseconds, 0 for no deadline; blank, negative or garbage values give
// [DefaultDeadline].
func ParseDeadline(s string) time.Duration {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 {
		return DefaultDeadline
	}
	return time.Duration(n) * time.Millisecond
}

// Serves reports whether a server with c offers d as a tool: d has the MCP
// surface; under ReadOnly it writes nothing; and the selection names all,
// d's toolset, or (for a tool that writes) the write set.
func (c Config) Serves(d *call.Def) bool {
	if !d.Has(call.MCP) {
		return false
	}
	if c.ReadOnly && d.Class != call.ReadOnly {
		return false
	}
	sets := c.Toolsets
	if len(sets) == 0 {
		sets = []string{string(call.Core)}
	}
	switch {
	case slices.Contains(sets, All), slices.Contains(sets, string(d.Toolset)):
		return true
	case d.Class != call.ReadOnly && slices.Contains(sets, string(call.WriteSet)):
		return true
	}
	return false
}

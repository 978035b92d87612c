// Package gendocs writes the parts of README.md that are derived from the
// syscall registry: the verb table with each verdict's exit code. A test
// regenerates them in memory and fails when the README is stale;
// `DOS_UPDATE_DOCS=1 go test ./internal/gendocs` rewrites them.
package gendocs

import (
	"fmt"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/verbs"
)

// Markers delimit the generated verb table in README.md.
const (
	BeginVerbs = "<!-- BEGIN GENERATED VERBS: DOS_UPDATE_DOCS=1 go test ./internal/gendocs -->"
	EndVerbs   = "<!-- END GENERATED VERBS -->"
)

// VerbTable renders the registry as a markdown table.
func VerbTable() string {
	var b strings.Builder
	b.WriteString("| verb | what it answers | exit codes | writes | MCP tool |\n")
	b.WriteString("|---|---|---|---|---|\n")
	for _, d := range verbs.All() {
		if !d.Has(call.CLI) {
			continue
		}
		var codes []string
		for _, v := range d.Verdicts {
			codes = append(codes, fmt.Sprintf("%d %s", v.Code(), v.Word()))
		}
		codes = append(codes, "2 bad input")
		tool := "—"
		if d.Has(call.MCP) {
			tool = "`" + d.ToolName() + "`"
		}
		writes := "no"
		if d.Class != call.ReadOnly {
			writes = d.Class.String()
		}
		fmt.Fprintf(&b, "| `dos %s` | %s | %s | %s | %s |\n", d.Path,
			strings.ReplaceAll(d.Short, "|", "\\|"), strings.Join(codes, ", "), writes, tool)
	}
	return b.String()
}

// Rewrite replaces the generated section of readme with the current one.
func Rewrite(readme string) (string, error) {
	i := strings.Index(readme, BeginVerbs)
	j := strings.Index(readme, EndVerbs)
	if i < 0 || j < i {
		return "", fmt.Errorf("README.md has no %q ... %q section", BeginVerbs, EndVerbs)
	}
	return readme[:i] + BeginVerbs + "\n" + VerbTable() + readme[j:], nil
}

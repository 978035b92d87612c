//go:build !unix

package cli

// runMCP runs dos-mcp as a child on stdio (no exec(2) here).
func runMCP(bin string, args []string, stdio IO) (int, error) {
	return runChild(bin, args, stdio)
}

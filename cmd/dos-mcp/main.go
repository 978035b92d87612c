// Command dos-mcp serves dos's syscalls as MCP tools over stdio.
package main

import (
	"os"

	"github.com/dispatchos/dos/surface/mcp"
)

func main() {
	os.Exit(mcp.Main(os.Args[1:], mcp.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
}

// Command dos-hook is dos's hook binary: the agent host runs it before a
// tool call, after one, and when the agent wants to stop, with the event
// on stdin. It links only what a hook decision needs, so it starts about
// as fast as a bare Go program.
//
//	dos-hook <pretool | posttool | stop | marker> [--dialect HOST] [--workspace DIR]
//
// A dos process lives for milliseconds, so it opts out of the runtime's
// background GOMAXPROCS refresh (Go 1.25+), which re-reads the cgroup CPU
// limit every second for long-running servers: starting that goroutine at
// init cost about 5% of a dos version (800 rounds side by side with a
// build without the line). GOMAXPROCS still honours the container's CPU
// limit as the process starts.
//
//go:debug updatemaxprocs=0
package main

import (
	"os"

	"github.com/dispatchos/dos/surface/hook"
)

func main() {
	os.Exit(hook.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

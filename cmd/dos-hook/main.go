// Command dos-hook is dos's hook binary: the agent host runs it before a
// tool call, after one, and when the agent wants to stop, with the event
// on stdin. It links only what a hook decision needs, so it starts about
// as fast as a bare Go program.
//
//	dos-hook <pretool | posttool | stop | marker> [--dialect HOST] [--workspace DIR]
//
// Like cmd/dos (see its package comment), it opts out of the runtime's
// background GOMAXPROCS refresh: a hook process lives for milliseconds.
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

// Command dos is the Dispatch Operating System's command line.
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

	"github.com/dispatchos/dos/surface/cli"
)

func main() {
	presizeStack(0)
	os.Exit(cli.Main(os.Args[1:], cli.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
}

// presizeStack grows the main goroutine's stack once, here, while it holds
// two frames. A goroutine starts small and doubles its stack when a call
// would overflow it, copying every frame and rewriting their pointers; a
// dos command reaches 8 to 16 KB deep (cobra, the workspace, the verify
// index), so without this it grows two or three times with deep chains to
// copy. One early copy of a shallow stack is cheaper: 500 rounds side by
// side with a build without it measured 4 to 6% off dos version and a warm
// verify.
//
//go:noinline
func presizeStack(i int) byte {
	var frame [12 << 10]byte
	frame[i] = 1
	return frame[i+1]
}

// Command dos is the Dispatch Operating System's command line.
package main

import (
	"os"

	"github.com/dispatchos/dos/surface/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
}

package hook

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Verbs are the hook verbs.
var Verbs = []string{"pretool", "posttool", "stop", "marker"}

const usage = `usage: dos-hook <pretool | posttool | stop | marker> [--dialect HOST] [--workspace DIR]

Reads one hook payload on stdin and prints the answer the host reads.
HOST is claude-code (default), codex, gemini, cursor or antigravity.
Other flags: --session-id ID, --debug; stop: --strict (plain words such as
"AUTH1 is done." count too; [hooks] strict_stop = true in dos.toml does the
same for every hook), --last-turns N, --transcript PATH, --plan P --phase PH;
marker: --loop, --max-markers N, --reset. Unknown flags are ignored and the
exit code is always 0: a hook never breaks the agent's turn.
`

// Main runs dos-hook with its arguments and streams; it always returns 0.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 0
	}
	r := ParseArgs(args)
	r.Stdin, r.Stdout, r.Stderr = stdin, stdout, stderr
	r.Getenv, r.Now = os.Getenv, time.Now
	return Run(context.Background(), r)
}

// ParseArgs reads a verb and its flags into a Request. The verb is the
// first argument that names one; flags it does not know, and values that
// do not parse, are ignored (a hook must never fail on its command line).
func ParseArgs(args []string) Request {
	var r Request
	fs := flag.NewFlagSet("dos-hook", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&r.Workspace, "workspace", "", "workspace directory")
	fs.StringVar(&r.Workspace, "w", "", "workspace directory")
	fs.StringVar(&r.Dialect, "dialect", "", "host dialect")
	fs.StringVar(&r.SessionID, "session-id", "", "session key")
	fs.BoolVar(&r.Strict, "strict", false, "stop: plain-words claims count")
	fs.IntVar(&r.LastTurns, "last-turns", 1, "stop: transcript turns to read")
	fs.StringVar(&r.Transcript, "transcript", "", "stop: transcript path")
	fs.StringVar(&r.Plan, "plan", "", "stop: a claimed plan")
	fs.StringVar(&r.Phase, "phase", "", "stop: a claimed phase")
	fs.IntVar(&r.MaxMarkers, "max-markers", 0, "marker: budget")
	fs.BoolVar(&r.Loop, "loop", false, "loop session")
	fs.BoolVar(&r.Reset, "reset", false, "marker: reset the tally")
	fs.BoolVar(&r.Debug, "debug", false, "diagnostics on stderr")
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			if r.Verb == "" && isVerb(a) {
				r.Verb = a
			}
			continue
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fs.Lookup(name)
		if f == nil {
			continue
		}
		if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
			if !hasVal {
				val = "true"
			}
			_ = fs.Set(name, val)
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				continue
			}
			i++
			val = args[i]
		}
		_ = fs.Set(name, val)
	}
	return r
}

func isVerb(s string) bool {
	for _, v := range Verbs {
		if s == v {
			return true
		}
	}
	return false
}

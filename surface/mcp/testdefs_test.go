package mcp_test

import (
	"context"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/dispatchos/dos/call"
)

// Syscalls registered only in the test binary's server: a tool appears
// for each with no MCP code, which is the point of the first one; the
// others block, to test the deadline.
var testDefs = call.Registry{testEcho, testBlock, testChild, testStdin}

type echoArgs struct {
	Text  string `name:"text" pos:"0" required:"true" help:"the text to echo"`
	Times int    `name:"times" default:"2" help:"how many times to echo it"`
	Shout bool   `name:"shout" help:"upper-case the echo"`
	Tag   string `name:"tag" enum:"a,b" help:"a tag from a closed set"`
}

type echoResult struct {
	Echo  []string `json:"echo"`
	Count int      `json:"count"`
	Tag   string   `json:"tag,omitempty"`
}

var (
	echoed  = call.NewVerdict("ECHOED", 0)
	silent  = call.NewVerdict("SILENT", 1)
	blocked = call.NewVerdict("UNBLOCKED", 0)
)

var testEcho = &call.Def{
	Path: "test echo", Short: "Echo a text (a syscall that exists only in this test)",
	Long:    "USE THIS WHEN: testing that a syscall registered later is served as a tool.",
	Example: "  dos test echo hi", Toolset: call.Ops, Class: call.ReadOnly, Surfaces: call.MCP,
	NoWorkspace: true, Verdicts: []*call.Verdict{&echoed, &silent},
	Handler: &call.Typed[echoArgs, echoResult]{Fn: func(_ context.Context, _ *call.Env, a *echoArgs) (*call.Reply[echoResult], error) {
		t := a.Text
		if a.Shout {
			t = strings.ToUpper(t)
		}
		r := echoResult{Tag: a.Tag, Echo: []string{}}
		for range a.Times {
			r.Echo = append(r.Echo, t)
		}
		r.Count = len(r.Echo)
		v := echoed
		if r.Count == 0 {
			v = silent
		}
		return &call.Reply[echoResult]{Verdict: v, Text: "echo " + t, Body: r, Interpretation: "the text came back " + strconv.Itoa(r.Count) + " times"}, nil
	}},
}

type blockArgs struct {
	Seconds int `name:"seconds" default:"30" help:"how long to block"`
}

type blockResult struct {
	Slept int `json:"slept"`
}

// testBlock ignores its context on purpose: the server must stay
// responsive even when a handler does not give up.
var testBlock = &call.Def{
	Path: "test block", Short: "Block for a while, ignoring cancellation",
	Long:    "USE THIS WHEN: testing the deadline.",
	Example: "  dos test block", Toolset: call.Ops, Class: call.ReadOnly, Surfaces: call.MCP,
	NoWorkspace: true, Verdicts: []*call.Verdict{&blocked},
	Handler: &call.Typed[blockArgs, blockResult]{Fn: func(_ context.Context, _ *call.Env, a *blockArgs) (*call.Reply[blockResult], error) {
		time.Sleep(time.Duration(a.Seconds) * time.Second)
		return &call.Reply[blockResult]{Verdict: blocked, Body: blockResult{Slept: a.Seconds}}, nil
	}},
}

type childArgs struct {
	PIDFile string `name:"pid-file" required:"true" help:"where to write the child's pid"`
}

// testChild starts a long child process with the call's context, as the
// git and acceptance witnesses do, and waits for it.
var testChild = &call.Def{
	Path: "test child", Short: "Run a long child process with the call's context",
	Long:    "USE THIS WHEN: testing that a deadline kills the call's children.",
	Example: "  dos test child", Toolset: call.Ops, Class: call.ReadOnly, Surfaces: call.MCP,
	NoWorkspace: true, Verdicts: []*call.Verdict{&blocked},
	Handler: &call.Typed[childArgs, blockResult]{Fn: func(ctx context.Context, _ *call.Env, a *childArgs) (*call.Reply[blockResult], error) {
		cmd := exec.CommandContext(ctx, "sleep", "60")
		if err := cmd.Start(); err != nil {
			return nil, err
		}
		if err := os.WriteFile(a.PIDFile, []byte(strconv.Itoa(cmd.Process.Pid)), 0o644); err != nil {
			return nil, err
		}
		if err := cmd.Wait(); err != nil {
			return nil, err
		}
		return &call.Reply[blockResult]{Verdict: blocked, Body: blockResult{Slept: 60}}, nil
	}},
}

type noArgs struct{}

type stdinResult struct {
	Bytes int64 `json:"bytes"`
	EOF   bool  `json:"eof"`
}

// testStdin reads the call's standard input to its end: over MCP it must
// be empty at once, never the server's protocol stream.
var testStdin = &call.Def{
	Path: "test stdin", Short: "Read the call's standard input",
	Long:    "USE THIS WHEN: testing that a call cannot read the protocol stream.",
	Example: "  dos test stdin", Toolset: call.Ops, Class: call.ReadOnly, Surfaces: call.MCP,
	NoWorkspace: true,
	Handler: &call.Typed[noArgs, stdinResult]{Fn: func(_ context.Context, env *call.Env, _ *noArgs) (*call.Reply[stdinResult], error) {
		done := make(chan stdinResult, 1)
		go func() {
			n, err := io.Copy(io.Discard, env.Stdin)
			done <- stdinResult{Bytes: n, EOF: err == nil}
		}()
		select {
		case r := <-done:
			return &call.Reply[stdinResult]{Body: r}, nil
		case <-time.After(2 * time.Second):
			return &call.Reply[stdinResult]{Body: stdinResult{Bytes: -1}}, nil
		}
	}},
}

package hooks

import (
	"context"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/execcap"
)

// ExecCapabilityArgs are the arguments of exec-capability.
type ExecCapabilityArgs struct {
	Command string `name:"command" help:"the shell command line to classify (blank answers EMPTY)"`
	Extra   string `name:"extra" help:"more program names that grant arbitrary execution, comma-separated (added to the built-in set and dos.toml's)"`
}

// ExecCapabilityResult is exec-capability's answer.
type ExecCapabilityResult struct {
	// Capability is the verdict word.
	Capability string `json:"capability"`
	// Program is the program of the first granting segment, else of the
	// first; null for EMPTY.
	Program *string `json:"program"`
	// Reason says why.
	Reason string `json:"reason"`
	// Segments lists every program the command starts.
	Segments []execcap.Segment `json:"segments"`
}

// ExecCapability answers whether a command line grants arbitrary code
// execution.
var ExecCapability = call.Def{
	Path:  "exec-capability",
	Short: "Does this command line grant arbitrary code execution?",
	Long: `USE THIS WHEN: a tool call is about to run a shell command and you need to know
whether it starts a program that runs code the command does not spell out (an
interpreter, a package runner, a shell, eval, sudo, ssh) before you allow it.

exec-capability reads the programs the command starts, never its text: "cat
eval.txt" starts cat and is BOUNDED (exit 0); "./python x" GRANTS_ARBITRARY_EXEC
(exit 3); a blank command is EMPTY (exit 0).

Built-in set: python python3 python2 node deno tsx ruby perl php lua, npx bunx
npm yarn pnpm bun, bash sh zsh fish, eval exec xargs, ssh sudo. --extra and
dos.toml's [exec_capability] extra = ["make"] add names to it.

Unlike the Python reference, which read only the first program and took a
wrapper's option for the program:
  - every segment counts: && || ; | subshells, $(...), backticks, <(...),
    and the scripts of sh -c and eval; one granting segment grants
  - wrappers are looked through with their options skipped (env -i, nice -n 5,
    sudo -u x, time -p, nohup, command, timeout 10, xargs -n 1); sudo and
    xargs grant in themselves, and the answer names the program they run
  - .exe, .cmd and .bat are stripped, and C:\Tools\python.exe is python
  - a program computed when the command runs ($CMD x) may be anything: it
    grants
  - dos.toml's [exec_capability] extra is read (the reference documented it
    and ignored it)`,
	Example: `  $ dos exec-capability --command 'git status && bash -c "make"'
  GRANTS_ARBITRARY_EXEC  bash grants arbitrary execution; segment 2 of 3

  $ dos exec-capability --command 'nice -n 5 ls -la'
  BOUNDED  ls is not in the capability set

  $ dos exec-capability --command 'make test' --extra make --json`,
	Toolset:  call.Admission,
	Class:    call.ReadOnly,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Bounded, &Empty, &Grants},
	Handler: &call.Typed[ExecCapabilityArgs, ExecCapabilityResult]{Fn: func(ctx context.Context, env *call.Env, a *ExecCapabilityArgs) (*call.Reply[ExecCapabilityResult], error) {
		extra := strings.Split(a.Extra, ",")
		ws, err := env.Workspace()
		switch {
		case err == nil:
			extra = append(extra, ws.Config.ExecCapability.Extra...)
		case env.WorkspaceFlag != "":
			return nil, err // a workspace named and not found is bad input
		}
		v := execcap.Decide(a.Command, execcap.NewSet(extra...))
		body := ExecCapabilityResult{Capability: string(v.Capability), Reason: v.Reason, Segments: v.Segments}
		verdict, gloss := Bounded, "BOUNDED — no program this command starts runs code the command does not spell out."
		switch v.Capability {
		case execcap.Grants:
			verdict, gloss = Grants, "GRANTS_ARBITRARY_EXEC — "+v.Reason+". Treat the command as able to do anything; gate it like a write."
		case execcap.Empty:
			verdict, gloss = Empty, "EMPTY — the command starts no program."
		}
		if v.Capability != execcap.Empty {
			body.Program = &v.Program
		}
		return &call.Reply[ExecCapabilityResult]{Verdict: verdict, Text: string(v.Capability) + "  " + v.Reason, Body: body, Interpretation: gloss}, nil
	}},
}

package call

import (
	"errors"
	"io"
	"os"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/dispatchos/dos/internal/debuglog"
	"github.com/dispatchos/dos/workspace"
)

// Env carries what a handler may use from the outside world. A surface
// builds one base Env for the process; [Def.Run] makes a fresh one per call
// with [Env.ForCall], so a server that answers many workspaces never shares
// a resolved workspace between calls. Everything expensive is lazy: a verb
// that does not need the workspace never resolves it.
type Env struct {
	// Now is the clock.
	Now func() time.Time
	// Getenv reads the environment.
	Getenv func(string) string
	// Cwd is the working directory relative paths are read against; empty
	// means the process's own, looked up on first use (see [Env.WorkDir]).
	Cwd string
	// WorkspaceFlag is an explicit workspace (the workspace argument);
	// empty means $DISPATCH_WORKSPACE, then Cwd.
	WorkspaceFlag string
	// Driver names the base policy dos.toml is folded over; empty is the
	// generic default. Job means "job" when Driver is empty.
	Driver string
	// Job is an alias for Driver "job".
	Job bool
	// Stdin is the standard input.
	Stdin io.Reader
	// Stderr receives warnings meant for a person.
	Stderr io.Writer
	// Log is the structured debug logger (stderr, off unless asked for).
	Log zerolog.Logger
	// Registry is every syscall the surface serves (exit-codes and doctor
	// read it).
	Registry Registry
	// Emit prints an intermediate answer of a verb that answers more than
	// once (a --watch loop) the way the surface prints a final one. It is
	// nil on a surface that takes one answer per call (MCP); such verbs then
	// answer once. See [EmitReply].
	Emit func(*Result) error

	once    sync.Once
	cwdOnce sync.Once
	ws      *workspace.Workspace
	err     error
}

// WorkDir is the directory relative paths are read against: Cwd, else the
// process working directory, looked up once (a verb that takes no path
// never asks) and "" if it cannot be read.
func (e *Env) WorkDir() string {
	e.cwdOnce.Do(func() {
		if e.Cwd == "" {
			e.Cwd, _ = os.Getwd()
		}
	})
	return e.Cwd
}

// DebugLog adapts Log for the verify path (truth and the verify index),
// which links no logging library; nil when debug lines are off.
func (e *Env) DebugLog() debuglog.Logger {
	if e.Log.GetLevel() > zerolog.DebugLevel {
		return nil
	}
	l := e.Log
	return func(msg string, kv ...any) { l.Debug().Fields(kv).Msg(msg) }
}

// ForCall returns a fresh Env for one call: e's process-wide parts, with
// the call's common arguments over e's own (an empty one keeps e's).
func (e *Env) ForCall(c Common) *Env {
	n := &Env{
		Now: e.Now, Getenv: e.Getenv, Cwd: e.Cwd,
		WorkspaceFlag: e.WorkspaceFlag, Driver: e.Driver, Job: e.Job || c.Job,
		Stdin: e.Stdin, Stderr: e.Stderr, Log: e.Log, Registry: e.Registry, Emit: e.Emit,
	}
	if c.Workspace != "" {
		n.WorkspaceFlag = c.Workspace
	}
	if c.Driver != "" {
		n.Driver = c.Driver
	}
	if n.Now == nil {
		n.Now = time.Now
	}
	if n.Getenv == nil {
		n.Getenv = func(string) string { return "" }
	}
	return n
}

// Workspace resolves the workspace once and returns it, with dos.toml loaded.
// Config warnings go to Stderr.
func (e *Env) Workspace() (*workspace.Workspace, error) {
	e.once.Do(func() {
		driver := e.Driver
		if driver == "" && e.Job {
			driver = "job"
		}
		start := e.clock()
		e.ws, e.err = workspace.Resolve(workspace.Options{
			Flag: e.WorkspaceFlag, Getenv: e.Getenv, Cwd: e.Cwd, Warn: e.warn, Driver: driver,
		})
		if errors.Is(e.err, workspace.ErrUnknownDriver) {
			e.err = &UsageError{Msg: e.err.Error(), Hints: []string{"leave --driver out for the generic base, or pass --driver job (--job)"}}
		}
		if e.err == nil {
			e.Log.Debug().Str("workspace", e.ws.Dir).Str("state_root", e.ws.StateRoot).
				Str("checkout_root", e.ws.CheckoutRoot).Str("config", e.ws.Config.Path).
				Dur("took", e.clock().Sub(start)).Msg("workspace resolved")
		}
	})
	return e.ws, e.err
}

func (e *Env) clock() time.Time {
	if e.Now == nil {
		return time.Now()
	}
	return e.Now()
}

func (e *Env) warn(line string) {
	if e.Stderr != nil {
		io.WriteString(e.Stderr, line+"\n")
	}
}

// Warn prints one warning line for a person on Stderr.
func (e *Env) Warn(line string) { e.warn(line) }

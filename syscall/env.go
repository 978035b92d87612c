package syscall

import (
	"errors"
	"io"
	"sync"
	"time"

	"github.com/rs/zerolog"

	"github.com/dispatchos/dos/workspace"
)

// Env carries what a handler may use from the outside world. Surfaces build
// it; handlers never reach for globals. Everything expensive is lazy, so a
// verb that does not need the workspace never resolves it.
type Env struct {
	// Now is the clock.
	Now func() time.Time
	// Getenv reads the environment.
	Getenv func(string) string
	// Cwd is the process working directory.
	Cwd string
	// WorkspaceFlag is an explicit workspace (--workspace or the MCP
	// workspace argument); empty means $DISPATCH_WORKSPACE, then Cwd.
	WorkspaceFlag string
	// Driver names the base policy dos.toml is folded over (--driver); empty
	// is the generic default. Job (--job) means "job" when Driver is empty.
	Driver string
	// Job is the --job flag, an alias for --driver job.
	Job bool
	// Stdin is the standard input.
	Stdin io.Reader
	// Stderr receives warnings meant for a person.
	Stderr io.Writer
	// Log is the structured logger (stderr).
	Log zerolog.Logger

	once sync.Once
	ws   *workspace.Workspace
	err  error
}

// Workspace resolves the workspace once and returns it, with dos.toml loaded.
// Config warnings go to Stderr.
func (e *Env) Workspace() (*workspace.Workspace, error) {
	e.once.Do(func() {
		driver := e.Driver
		if driver == "" && e.Job {
			driver = "job"
		}
		e.ws, e.err = workspace.Resolve(workspace.Options{
			Flag: e.WorkspaceFlag, Getenv: e.Getenv, Cwd: e.Cwd, Warn: e.warn, Driver: driver,
		})
		if errors.Is(e.err, workspace.ErrUnknownDriver) {
			e.err = &UsageError{Msg: e.err.Error(), Hints: []string{"leave --driver out for the generic base, or pass --driver job (--job)"}}
		}
	})
	return e.ws, e.err
}

func (e *Env) warn(line string) {
	if e.Stderr != nil {
		io.WriteString(e.Stderr, line+"\n")
	}
}

// Warn prints one warning line for a person on Stderr.
func (e *Env) Warn(line string) { e.warn(line) }

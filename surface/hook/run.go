package hook

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/dispatchos/dos/hostcfg"
	"github.com/dispatchos/dos/kernel/hook"
	"github.com/dispatchos/dos/workspace"
)

// Request is one hook call: the verb, where and for which host, its
// streams, and the environment and clock it reads.
type Request struct {
	// Verb is pretool, posttool, stop or marker.
	Verb string
	// Dialect is the host; empty means claude-code.
	Dialect string
	// Workspace is --workspace; empty falls back to the event's cwd, then
	// $DISPATCH_WORKSPACE, then the process's directory.
	Workspace string

	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// Getenv reads the environment; Now is the clock.
	Getenv func(string) string
	Now    func() time.Time

	// SessionID overrides the event's session key.
	SessionID string
	// Loop forces loop mode (as DOS_LOOP does).
	Loop bool
	// Debug writes diagnostics to stderr.
	Debug bool
	// Stop: Strict counts plain-words claims; LastTurns is how many
	// assistant turns of a transcript to read; Transcript overrides the
	// event's transcript path; Plan and Phase add a claim.
	Strict     bool
	LastTurns  int
	Transcript string
	Plan       string
	Phase      string
	// Marker: MaxMarkers overrides the budget; Reset clears the tally.
	MaxMarkers int
	Reset      bool
}

// MaxInput bounds what a hook reads from stdin; a larger payload is not
// decided (fail-safe).
const MaxInput = 32 << 20

// errSkip ends a call on its fail-safe path without a diagnostic.
var errSkip = errors.New("no event")

// Run serves one hook call and returns its exit code, always 0. It prints
// exactly one answer (or none) at the end, so a fault part-way leaves
// nothing half-written on stdout.
func Run(ctx context.Context, r Request) (code int) {
	if r.Getenv == nil {
		r.Getenv = func(string) string { return "" }
	}
	if r.Now == nil {
		r.Now = time.Now
	}
	if r.Stderr == nil {
		r.Stderr = io.Discard
	}
	dialect := r.Dialect
	if dialect == "" {
		dialect = string(hostcfg.ClaudeCode)
	}
	host, ok := hostcfg.Lookup(dialect)
	if !ok {
		r.debugf("unknown dialect %q: nothing printed", r.Dialect)
		return 0
	}
	moment := momentOf(r.Verb)
	defer func() {
		if p := recover(); p != nil {
			r.debugf("panic: %v\n%s", p, debug.Stack())
			r.write(host.FailSafe(moment))
			code = 0
		}
	}()
	if moment == hook.MomentNone {
		r.debugf("unknown verb %q", r.Verb)
		r.write(host.FailSafe(moment))
		return 0
	}
	d, err := r.decide(ctx, host, moment)
	if err != nil {
		if !errors.Is(err, errSkip) {
			r.debugf("%v", err)
		}
		r.write(host.FailSafe(moment))
		return 0
	}
	r.write(host.Render(moment, d))
	return 0
}

func momentOf(verb string) hook.Moment {
	switch verb {
	case "pretool":
		return hook.MomentPre
	case "posttool":
		return hook.MomentPost
	case "stop", "marker":
		return hook.MomentStop
	}
	return hook.MomentNone
}

// call is one decided hook call's context.
type call struct {
	r    *Request
	host *hostcfg.Host
	ev   hook.Event
	ws   *workspace.Workspace
	now  time.Time
	// view is the live leases, read at most once (leases).
	view *leaseView
}

func (r *Request) decide(ctx context.Context, host *hostcfg.Host, moment hook.Moment) (hook.Decision, error) {
	raw, err := readInput(r.Stdin)
	if err != nil {
		return hook.Decision{}, err
	}
	ev, ok := host.Parse(raw, moment)
	if !ok {
		return hook.Decision{}, errSkip
	}
	if r.Verb == "stop" && ev.StopHookActive {
		// Let the stop through at once: a stop hook already held this
		// stop, and blocking again loops the host.
		return hook.Allowed, nil
	}
	if r.Verb == "pretool" && hook.FootprintOf(ev).WritesNothing() {
		// A read, or a shell command that provably writes nothing: no
		// lease and no protected path can refuse it, so no evidence is
		// gathered (most tool calls are reads).
		return hook.Allowed, nil
	}
	ws, err := r.workspace(ev)
	if err != nil {
		return hook.Decision{}, err
	}
	c := &call{r: r, host: host, ev: ev, ws: ws, now: r.Now().UTC()}
	defer c.closeLeases()
	switch r.Verb {
	case "pretool":
		return c.pretool(ctx)
	case "posttool":
		return c.posttool(ctx)
	case "stop":
		return c.stop(ctx)
	case "marker":
		return c.marker()
	}
	return hook.Decision{}, errSkip
}

// readInput reads all of stdin, up to MaxInput.
func readInput(in io.Reader) ([]byte, error) {
	if in == nil {
		return nil, errSkip
	}
	b, err := io.ReadAll(io.LimitReader(in, MaxInput+1))
	if err != nil {
		return nil, fmt.Errorf("read stdin: %w", err)
	}
	if len(b) > MaxInput {
		return nil, fmt.Errorf("stdin holds more than %d bytes: not decided", MaxInput)
	}
	return b, nil
}

// workspace resolves --workspace, else the event's cwd, else
// $DISPATCH_WORKSPACE, else the process's directory.
func (r *Request) workspace(ev hook.Event) (*workspace.Workspace, error) {
	flag := r.Workspace
	if flag == "" && filepath.IsAbs(ev.Cwd) {
		flag = ev.Cwd
	}
	ws, err := workspace.Resolve(workspace.Options{Flag: flag, Getenv: r.Getenv, Warn: func(s string) { r.debugf("%s", s) }})
	if err != nil {
		return nil, fmt.Errorf("workspace: %w", err)
	}
	return ws, nil
}

func (r *Request) write(b []byte) {
	if b == nil || r.Stdout == nil {
		return
	}
	_, _ = r.Stdout.Write(append(b, '\n'))
}

func (r *Request) debugf(format string, a ...any) {
	if r.Debug {
		fmt.Fprintf(r.Stderr, "dos-hook: "+format+"\n", a...)
	}
}

// warnf always reaches stderr: something the operator should know that
// did not change the answer.
func (r *Request) warnf(format string, a ...any) {
	fmt.Fprintf(r.Stderr, "dos-hook: "+format+"\n", a...)
}

package call

import (
	"context"
	"fmt"
	"reflect"
	"strings"

	"github.com/dispatchos/dos/workspace"
)

// Class says what a syscall may do to durable state.
type Class int

const (
	// ReadOnly syscalls write nothing (a cache in the git directory aside).
	ReadOnly Class = iota
	// Write syscalls append to a journal or write-ahead log.
	Write
	// Destructive syscalls delete or rewrite state.
	Destructive
)

// String returns the class name used in docs and schemas.
func (c Class) String() string {
	switch c {
	case ReadOnly:
		return "read-only"
	case Write:
		return "write"
	case Destructive:
		return "destructive"
	}
	return fmt.Sprintf("Class(%d)", int(c))
}

// Toolset groups MCP tools so a host with a tool cap can load a few.
type Toolset string

// The toolsets. Core is loaded by default; write tools live in WriteSet.
const (
	Core      Toolset = "core"
	Truth     Toolset = "truth"
	Admission Toolset = "admission"
	Spine     Toolset = "spine"
	Ops       Toolset = "ops"
	WriteSet  Toolset = "write"
)

// Surface is a bit set of the places a syscall is offered.
type Surface uint8

// The surfaces.
const (
	CLI Surface = 1 << iota
	MCP
	Hook
)

// ExitUsage is the exit code of every contract error: bad flags, bad input,
// a missing or unreadable workspace.
const ExitUsage = 2

// Def defines one syscall. Build it with [New] so the handler stays typed.
type Def struct {
	// Path is the verb as typed on the command line, words separated by one
	// space ("verify", "lease-lane acquire").
	Path string
	// Tool overrides the derived MCP tool name (dos_ + path with - and
	// spaces as _), for the reference's historic names.
	Tool string
	// Use is the positional part of the usage line ("<plan> <phase>").
	Use string
	// Short is the one-line summary shown in command lists.
	Short string
	// Long teaches what the verb answers and how; it opens with the question.
	Long string
	// Example holds shell examples for --help.
	Example string
	// Toolset is the MCP toolset the tool belongs to.
	Toolset Toolset
	// Class says whether the syscall writes.
	Class Class
	// Surfaces says where the syscall is offered.
	Surfaces Surface
	// Verdicts lists every verdict word the syscall can answer and its exit
	// code, by the address of its declaration. A handler must only answer
	// words listed here.
	Verdicts []*Verdict
	// OptionalVerdict says the verb answers a verdict only in some cases
	// (a read whose one verdict is LOCK_BUSY, when the store did not
	// answer) and none otherwise: its JSON then carries "verdict" only in
	// those cases, and its output schema does not require it.
	OptionalVerdict bool
	// JSONDefault makes the CLI print JSON without --json (verbs whose
	// reference output was JSON).
	JSONDefault bool
	// NoWorkspace marks verbs that do not read a workspace (version).
	NoWorkspace bool
	// RunsCommand, when set, reports whether running the syscall in ws
	// executes a command the workspace configured (verify's [verify]
	// exec_cmd). Class says what the syscall does to dos's state; this says
	// whether it also runs code it does not control, which a read-only
	// class alone would hide (an MCP host's read-only hint, for one).
	RunsCommand func(ws *workspace.Workspace) bool

	// Handler is the typed handler, a *[Typed]. Every verb has one.
	Handler Handler
}

// Handler is a syscall's typed handler: its argument struct, its result
// type and the function that answers. The one implementation is [Typed].
type Handler interface {
	newArgs() any
	resultType() reflect.Type
	run(ctx context.Context, env *Env, d *Def, args any) (*Result, error)
}

// Typed is a verb's handler: Fn answers one call. A is the argument
// struct (see [Fields] for the tags it may carry); R is the result body, an
// exported struct with json tags (or a slice of them for a list verb), from
// which the --json form and the MCP structured content and output schema
// all come.
//
// A verb is a package variable,
//
//	var X = &call.Def{..., Verdicts: []*call.Verdict{&Yes, &No},
//		Handler: &call.Typed[XArgs, XResult]{Fn: func(...) {...}}}
//
// and every part of that literal is a constant or an address, so the
// compiler lays it out as static data: the registry costs a process no
// work at start-up (cmd/dos's TestNoInitWorkAtStart keeps it so).
type Typed[A, R any] struct {
	Fn func(ctx context.Context, env *Env, args *A) (*Reply[R], error)
}

func (h *Typed[A, R]) newArgs() any { return new(A) }

func (h *Typed[A, R]) resultType() reflect.Type { return reflect.TypeFor[R]() }

func (h *Typed[A, R]) run(ctx context.Context, env *Env, d *Def, args any) (*Result, error) {
	a, ok := args.(*A)
	if !ok {
		return nil, fmt.Errorf("%s: arguments of type %T, want *%s", d.Path, args, reflect.TypeFor[A]())
	}
	rep, err := h.Fn(ctx, env, a)
	if err != nil {
		return nil, err
	}
	if rep == nil {
		return nil, fmt.Errorf("%s: internal: the handler answered nothing", d.Path)
	}
	return &Result{Verdict: rep.Verdict, Text: rep.Text, Verbatim: rep.Verbatim, Body: rep.Body, Interpretation: rep.Interpretation, Printed: rep.Printed, Launch: rep.Launch}, nil
}

// NewArgs returns a fresh, zeroed argument struct (a pointer) for d, with
// declared defaults applied.
func (d *Def) NewArgs() any {
	a := d.Handler.newArgs()
	applyDefaults(a)
	return a
}

// NewInput returns a fresh input for one call: the verb's arguments with
// their defaults, and empty common arguments.
func (d *Def) NewInput() *Input { return &Input{Args: d.NewArgs()} }

// Run validates in and runs the handler in an [Env] made for this call from
// base and the common arguments. The result's Syscall and exit code are
// filled in from d.
func (d *Def) Run(ctx context.Context, base *Env, in *Input) (*Result, error) {
	if err := validate(in.Args); err != nil {
		return nil, err
	}
	if err := validate(&in.Common); err != nil {
		return nil, err
	}
	env := base.ForCall(in.Common)
	start := env.Now()
	res, err := d.Handler.run(ctx, env, d, in.Args)
	if err != nil {
		env.Log.Debug().Str("verb", d.Path).Err(err).Dur("took", env.Now().Sub(start)).Msg("call failed")
		return nil, err
	}
	res.Syscall = d.Path
	if !d.Declares(res.Verdict) {
		return nil, fmt.Errorf("%s: internal: verdict %q is not declared", d.Path, res.Verdict.Word())
	}
	res.ExitCode = res.Verdict.Code()
	if res.Launch != nil && d.Has(MCP) {
		return nil, fmt.Errorf("%s: internal: only a CLI-only verb may launch a program", d.Path)
	}
	env.Log.Debug().Str("verb", d.Path).Str("verdict", res.Verdict.Word()).Dur("took", env.Now().Sub(start)).Msg("call answered")
	return res, nil
}

// Declares reports whether v is one of d's verdicts (the zero verdict is
// declared by every verb).
func (d *Def) Declares(v Verdict) bool {
	if v.IsZero() {
		return true
	}
	for _, p := range d.Verdicts {
		if *p == v {
			return true
		}
	}
	return false
}

// ExecutesIn reports whether running d in ws would execute a command the
// workspace configured. Verbs without a RunsCommand rule never do.
func (d *Def) ExecutesIn(ws *workspace.Workspace) bool {
	return d.RunsCommand != nil && ws != nil && d.RunsCommand(ws)
}

// ToolName is the MCP tool name for d.
func (d *Def) ToolName() string {
	if d.Tool != "" {
		return d.Tool
	}
	r := strings.NewReplacer("-", "_", " ", "_")
	return "dos_" + r.Replace(d.Path)
}

// Has reports whether d is offered on surface s.
func (d *Def) Has(s Surface) bool { return d.Surfaces&s != 0 }

// Registry is a list of syscalls sorted by path: what a surface serves.
type Registry []*Def

// Lookup returns the syscall with the given path, or nil.
func (r Registry) Lookup(path string) *Def {
	for _, d := range r {
		if d.Path == path {
			return d
		}
	}
	return nil
}

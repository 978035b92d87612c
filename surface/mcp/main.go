package mcp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/mark3labs/mcp-go/server"
	"github.com/rs/zerolog"
	"github.com/spf13/pflag"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/internal/version"
	"github.com/dispatchos/dos/verbs"
)

// IO holds the process streams: In and Out carry the protocol, Err the
// logs and warnings.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
}

// Options are the seams a test (or another main) may set; the zero value
// is the real world.
type Options struct {
	// Registry replaces the registry served (default: every verb).
	Registry call.Registry
	// Prog names the program in help and errors (default "dos-mcp").
	Prog string
	// Getenv replaces the environment.
	Getenv func(string) string
}

// Main runs the MCP server with the given arguments (without the program
// name) and returns the exit code: 0 when the client closes the stream,
// 2 for bad flags, 1 when serving fails.
func Main(args []string, stdio IO) int { return Run(args, stdio, Options{}) }

const usage = `Usage: %[1]s [--toolsets <set>[,<set>...]] [--read-only] [--workspace <dir>]
       %[1]s --list-tools [--json]

Serves dos's syscalls as MCP tools over stdio (newline-delimited JSON-RPC on
stdin and stdout; logs go to stderr). Each tool answers exactly what the same
'dos <verb> --json --explain' prints.

Toolsets (--toolsets, else $DOS_MCP_TOOLSETS; default core):
  core       the referee's everyday questions, read-only (at most 15 tools)
  truth, admission, spine, ops
             further read-only families
  write      every tool that writes (lane leases, halt, id-alloc, ...)
  all        everything
The list replaces the default: --toolsets core,write adds the write tools.

  --read-only    serve no tool that writes, even when its toolset is listed,
                 and never run [verify] exec_cmd ($DOS_MCP_READ_ONLY=1 too)
  --workspace    the workspace of a call that names none (default:
                 $DISPATCH_WORKSPACE, then the server's directory)
  --list-tools   print the tools a host would see, and exit (--json: the
                 tools/list answer)
  --version      print the version

Environment: DISPATCH_WORKSPACE is the default workspace of every call (after
--workspace; else the server's directory); DOS_MCP_TOOL_DEADLINE_MS bounds one call (default
5000, 0 for none; past it the call answers STALLED); DOS_LOG sets the log
level on stderr (default info).
`

// Run is Main with seams.
func Run(args []string, stdio IO, o Options) int {
	prog := o.Prog
	if prog == "" {
		prog = "dos-mcp"
	}
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	reg := o.Registry
	if reg == nil {
		reg = verbs.All()
	}
	fs := pflag.NewFlagSet(prog, pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.ParseErrorsAllowlist.UnknownFlags = true
	toolsets := fs.String("toolsets", "", "")
	readOnly := fs.Bool("read-only", false, "")
	workspace := fs.String("workspace", "", "")
	list := fs.Bool("list-tools", false, "")
	asJSON := fs.Bool("json", false, "")
	showVersion := fs.Bool("version", false, "")
	help := fs.BoolP("help", "h", false, "")
	fail := func(err error) int {
		fmt.Fprintln(stdio.Err, call.ErrorText(err))
		return call.ExitUsage
	}
	if err := fs.Parse(args); err != nil {
		return fail(call.WithHint(err, "see '"+prog+" --help'"))
	}
	// A host may pass arguments meant for another server: they are
	// ignored, with a line on stderr, rather than refusing to start.
	for _, a := range unknownArgs(fs, args) {
		fmt.Fprintf(stdio.Err, "%s: warning: ignoring unknown argument %q\n", prog, a)
	}
	switch {
	case *help:
		fmt.Fprintf(stdio.Out, usage, prog)
		return 0
	case *showVersion:
		fmt.Fprintf(stdio.Out, "%s %s\n", prog, version.String())
		return 0
	}
	cfg := Config{Deadline: ParseDeadline(getenv("DOS_MCP_TOOL_DEADLINE_MS"))}
	sets := getenv("DOS_MCP_TOOLSETS")
	if fs.Changed("toolsets") {
		sets = *toolsets
	}
	var err error
	if cfg.Toolsets, err = ParseToolsets(sets); err != nil {
		return fail(err)
	}
	cfg.ReadOnly = *readOnly
	if !fs.Changed("read-only") {
		cfg.ReadOnly, _ = strconv.ParseBool(getenv("DOS_MCP_READ_ONLY"))
	}
	if *list {
		if err := printTools(stdio.Out, reg, cfg, *asJSON); err != nil {
			fmt.Fprintln(stdio.Err, call.ErrorText(err))
			return 1
		}
		return 0
	}
	logger := newLogger(stdio.Err, getenv("DOS_LOG"))
	cwd, _ := os.Getwd()
	base := &call.Env{Now: time.Now, Getenv: getenv, Cwd: cwd, WorkspaceFlag: *workspace, Stderr: stdio.Err, Log: logger, Registry: reg}
	s, err := New(reg, base, cfg, logger)
	if err != nil {
		fmt.Fprintln(stdio.Err, call.ErrorText(err))
		return 1
	}
	logger.Info().Str("version", version.String()).Strs("toolsets", cfg.Toolsets).Bool("read_only", cfg.ReadOnly).
		Int("tools", len(s.defs)).Dur("deadline", cfg.Deadline).Msg("serving on stdio")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ss := server.NewStdioServer(s.MCP)
	ss.SetErrorLogger(log.New(logger, "", 0))
	if err := ss.Listen(ctx, stdio.In, stdio.Out); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(stdio.Err, call.ErrorText(fmt.Errorf("serving stdio: %w", err)))
		return 1
	}
	return 0
}

// unknownArgs lists the arguments fs did not define (flags and
// positionals alike).
func unknownArgs(fs *pflag.FlagSet, args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			return append(out, args[i+1:]...)
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			out = append(out, a)
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		f := fs.Lookup(name)
		if f == nil && len(name) == 1 {
			f = fs.ShorthandLookup(name)
		}
		switch {
		case f == nil:
			out = append(out, a)
		case f.Value.Type() != "bool" && !hasValue:
			i++ // the flag's value
		}
	}
	return out
}

// newLogger is the server's log: one line per event on stderr, at the
// level DOS_LOG names (default info; "disabled" for none).
func newLogger(w io.Writer, level string) zerolog.Logger {
	l := zerolog.InfoLevel
	if level != "" {
		if p, err := zerolog.ParseLevel(level); err == nil {
			l = p
		}
	}
	return zerolog.New(zerolog.ConsoleWriter{Out: w, NoColor: true, TimeFormat: time.RFC3339}).
		Level(l).With().Timestamp().Str("app", "dos-mcp").Logger()
}

// printTools writes what a host would see in tools/list: a table, or with
// asJSON the tools/list answer itself.
func printTools(w io.Writer, reg call.Registry, cfg Config, asJSON bool) error {
	tools, err := Tools(reg, cfg)
	if err != nil {
		return err
	}
	if asJSON {
		b, err := json.MarshalIndent(map[string]any{"tools": tools}, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, d := range reg {
		if cfg.Serves(d) {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", d.ToolName(), d.Toolset, d.Class, d.Short)
		}
	}
	return tw.Flush()
}

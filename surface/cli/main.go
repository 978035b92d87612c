package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/rs/zerolog"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/verbs"
)

// IO holds the process streams.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
}

// Options are the seams a test may set; the zero value is the real world.
type Options struct {
	// Now replaces the clock.
	Now func() time.Time
}

// Main runs dos with the given arguments (without the program name) and
// returns the exit code.
func Main(args []string, stdio IO) int {
	return Run(args, stdio, Options{})
}

// Run is Main with test seams.
func Run(args []string, stdio IO, o Options) int {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	env := &call.Env{
		Now: now, Getenv: os.Getenv,
		Stdin: stdio.In, Stderr: stdio.Err, Log: logger(stdio.Err),
		Registry: verbs.All(),
	}
	root := newRoot(env, stdio, targetOf(env.Registry, args))
	root.SetArgs(args)
	root.SetIn(stdio.In)
	root.SetOut(stdio.Out)
	root.SetErr(stdio.Err)
	err := root.ExecuteContext(context.Background())
	var done *exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &done):
		return done.code
	}
	PrintError(stdio.Err, err)
	return call.ExitUsage
}

// PrintError writes err as "dos: error: ..." with its hint lines.
func PrintError(w io.Writer, err error) {
	fmt.Fprintln(w, call.ErrorText(err))
}

// exitError carries a verdict's non-zero exit code through cobra.
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// logger is the debug logger: structured lines on stderr, off unless
// DOS_LOG (or --log-level) names a level. Nothing is ever logged to stdout.
func logger(w io.Writer) zerolog.Logger {
	name := os.Getenv("DOS_LOG")
	if name == "" {
		return zerolog.Nop() // the common case builds no writer
	}
	l, err := zerolog.ParseLevel(name)
	if err != nil {
		return zerolog.Nop()
	}
	return loggerAt(w, l)
}

// loggerAt is the debug logger writing to w at level l.
func loggerAt(w io.Writer, l zerolog.Level) zerolog.Logger {
	return zerolog.New(zerolog.ConsoleWriter{Out: w, NoColor: true, PartsExclude: []string{zerolog.TimestampFieldName}}).
		Level(l).With().Str("app", "dos").Logger()
}

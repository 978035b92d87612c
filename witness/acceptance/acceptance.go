// Package acceptance runs a workspace's acceptance command ([verify]
// exec_cmd) and reports its exit code: evidence recorded by the operating
// system, which an agent cannot narrate.
package acceptance

import (
	"context"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Timeout bounds one run of the acceptance command.
const Timeout = 120 * time.Second

// Outcome is what one run of the command showed.
type Outcome struct {
	// Ran says the command ran to an exit code. A command line that does
	// not parse, a program that is not found and a timeout are no signal.
	Ran bool
	// Code is the exit code; Name the program's base name.
	Code int
	Name string
	// Err says why there was no signal.
	Err error
}

// Run splits command like a POSIX shell would (quotes and backslashes, no
// expansion, no shell), runs it in dir with stdin closed, and waits at most
// Timeout.
func Run(ctx context.Context, dir, command string) Outcome {
	argv, err := Split(command)
	if err != nil || len(argv) == 0 {
		return Outcome{Err: fmt.Errorf("exec_cmd %q: %w", command, errors.Join(err, errors.New("nothing to run")))}
	}
	o := Outcome{Name: filepath.Base(argv[0])}
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	err = cmd.Run()
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		o.Err = fmt.Errorf("exec_cmd %q: %w", command, ctx.Err())
	case errors.As(err, &ee) && ee.Exited():
		o.Ran, o.Code = true, ee.ExitCode()
	case err != nil:
		o.Err = fmt.Errorf("exec_cmd %q: %w", command, err)
	default:
		o.Ran = true
	}
	return o
}

// ErrUnterminated is returned for a command line with an open quote or a
// trailing backslash.
var ErrUnterminated = errors.New("unterminated quote or escape")

// Split breaks a command line into words the way a POSIX shell does for
// quoting: single quotes keep everything, double quotes keep everything
// but \" \\ \$ \` escapes, a backslash outside quotes escapes the next
// character. Nothing is expanded.
func Split(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				words, inWord = append(words, cur.String()), false
				cur.Reset()
			}
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, ErrUnterminated
			}
			cur.WriteString(s[i+1 : i+1+j])
			i, inWord = i+1+j, true
		case c == '"':
			i++
			for ; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
			if i >= len(s) {
				return nil, ErrUnterminated
			}
			inWord = true
		case c == '\\':
			if i+1 >= len(s) {
				return nil, ErrUnterminated
			}
			i++
			cur.WriteByte(s[i])
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

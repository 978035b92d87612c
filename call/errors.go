package call

import (
	"errors"
	"fmt"
	"strings"
)

// UsageError is a broken contract by the caller: a missing argument, a bad
// value, an unknown name. Every surface answers it with exit 2 (or an MCP
// error result) and never with a verdict.
type UsageError struct {
	Msg   string
	Hints []string
}

// Error returns the message.
func (e *UsageError) Error() string { return e.Msg }

// Usagef returns a UsageError with a formatted message.
func Usagef(format string, a ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, a...)}
}

// Hinted is an error that carries hint lines for a person ("dos: hint: ...").
type Hinted interface {
	error
	HintLines() []string
}

// HintLines returns the error's hints.
func (e *UsageError) HintLines() []string { return e.Hints }

// Hints returns the hint lines carried anywhere in err's chain.
func Hints(err error) []string {
	var h Hinted
	if errors.As(err, &h) {
		return h.HintLines()
	}
	return nil
}

// ErrorText renders err the way every surface shows a broken contract:
// "dos: error: <what>", then one "dos: hint: <hint>" line per hint, without
// a trailing newline.
func ErrorText(err error) string {
	var b strings.Builder
	b.WriteString("dos: error: " + strings.TrimSpace(err.Error()))
	for _, h := range Hints(err) {
		b.WriteString("\ndos: hint: " + h)
	}
	return b.String()
}

// WithHint wraps err with hint lines, keeping its message.
func WithHint(err error, hints ...string) error {
	return &hinted{err: err, hints: hints}
}

type hinted struct {
	err   error
	hints []string
}

func (h *hinted) Error() string       { return h.err.Error() }
func (h *hinted) Unwrap() error       { return h.err }
func (h *hinted) HintLines() []string { return h.hints }

package call

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Reply is what a handler answers: a declared verdict, the text line a
// person reads, the typed body every machine-readable form is made from,
// and a one-line gloss.
type Reply[R any] struct {
	// Verdict is one of the Def's declared verdicts; zero for a verb that
	// answers none.
	Verdict Verdict
	// Text is the human rendering, without a trailing newline. Empty means
	// the verb prints its JSON form, unless Verbatim is set.
	Text string
	// Verbatim says Text is the verb's whole output (a stream of records,
	// say), printed as it is even when empty; --json still prints the
	// JSON form.
	Verbatim bool
	// Body is the result value.
	Body R
	// Interpretation is a one-line gloss for --explain, --output plain and
	// MCP text.
	Interpretation string
	// Printed says the answer already went out through [Env.Emit]; the
	// surface prints nothing more (the exit code still applies).
	Printed bool
	// Launch, when set, is a program and its arguments that the command
	// line starts in dos's place instead of printing the reply (dos guard):
	// the verb decides what to run, the surface that owns the process's
	// streams runs it and exits with its code. Only a CLI-only verb sets it.
	Launch []string
}

// Result is a [Reply] with its type erased, as surfaces see it. The same
// value feeds every surface: the CLI prints Text or the JSON form, MCP
// returns the JSON form as structured content.
type Result struct {
	// Syscall is the verb path; filled in by [Def.Run].
	Syscall string
	// Verdict is the verdict; zero for verbs without one.
	Verdict Verdict
	// ExitCode is the verdict's exit code; filled in by [Def.Run].
	ExitCode int
	// Text is the human rendering, without a trailing newline.
	Text string
	// Verbatim says Text is the whole output, even when empty (see
	// [Reply.Verbatim]).
	Verbatim bool
	// Body is the typed result body.
	Body any
	// Interpretation is a one-line gloss for --explain and MCP.
	Interpretation string
	// Printed says the answer already went out through [Env.Emit].
	Printed bool
	// Launch is the program the command line starts instead of printing
	// (see [Reply.Launch]).
	Launch []string
}

// EmitReply hands rep, an intermediate answer of the verb at path, to
// env.Emit. It reports false (and prints nothing) when the surface takes
// one answer per call.
func EmitReply[R any](env *Env, path string, rep *Reply[R]) (bool, error) {
	if env.Emit == nil {
		return false, nil
	}
	res := &Result{Syscall: path, Verdict: rep.Verdict, ExitCode: rep.Verdict.Code(), Text: rep.Text, Body: rep.Body, Interpretation: rep.Interpretation}
	return true, env.Emit(res)
}

// JSON renders the result as one JSON value with sorted keys. An object body
// gains syscall, verdict and exit_code, and interpretation when explain is
// set; a list body is left as it is.
func (r *Result) JSON(explain bool) ([]byte, error) {
	m, err := r.Object(explain)
	if err != nil {
		return nil, err
	}
	if m == nil {
		return marshal(r.Body)
	}
	return marshal(m)
}

// Object is the JSON object form of an object body, with syscall, verdict,
// exit_code (and interpretation when explain is set) added. It is nil for
// a list body.
func (r *Result) Object(explain bool) (map[string]json.RawMessage, error) {
	body, err := marshal(r.Body)
	if err != nil {
		return nil, fmt.Errorf("%s: encode result: %w", r.Syscall, err)
	}
	if len(body) == 0 || body[0] != '{' {
		return nil, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("%s: encode result: %w", r.Syscall, err)
	}
	put := func(k string, v any) {
		b, _ := marshal(v)
		m[k] = b
	}
	put("syscall", r.Syscall)
	if !r.Verdict.IsZero() {
		put("verdict", r.Verdict.Word())
	}
	put("exit_code", r.ExitCode)
	if explain && r.Interpretation != "" {
		put("interpretation", r.Interpretation)
	}
	return m, nil
}

// marshal encodes v without HTML escaping and without a trailing newline.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

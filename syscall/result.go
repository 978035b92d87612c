package syscall

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Result is what a syscall answers. The same value feeds every surface: the
// CLI prints Text or the JSON form, MCP returns the JSON form as structured
// content.
type Result struct {
	// Syscall is the verb path; filled in by [Def.Run].
	Syscall string
	// Verdict is the verdict word ("SHIPPED"); empty for verbs without one.
	Verdict string
	// ExitCode is the verdict's exit code; filled in by [Def.Run].
	ExitCode int
	// Text is the human rendering, without a trailing newline.
	Text string
	// Data is the JSON body: a struct or map for a verdict (flattened, with
	// syscall, verdict and exit_code added) or a slice for list verbs.
	Data any
	// Interpretation is a one-line gloss for --explain and MCP.
	Interpretation string
}

// JSON renders the result as one JSON value with sorted keys. An object body
// gains syscall, verdict and exit_code, and interpretation when explain is
// set; a list body is left as it is.
func (r *Result) JSON(explain bool) ([]byte, error) {
	body, err := marshal(r.Data)
	if err != nil {
		return nil, fmt.Errorf("%s: encode result: %w", r.Syscall, err)
	}
	if len(body) == 0 || body[0] != '{' {
		return body, nil
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
	if r.Verdict != "" {
		put("verdict", r.Verdict)
	}
	put("exit_code", r.ExitCode)
	if explain && r.Interpretation != "" {
		put("interpretation", r.Interpretation)
	}
	return marshal(m)
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

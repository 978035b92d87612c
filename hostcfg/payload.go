package hostcfg

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/dispatchos/dos/kernel/hook"
)

// decodeObject decodes a payload that must be one JSON object. Numbers
// stay json.Number so digests see the host's literals.
func decodeObject(raw []byte) (map[string]any, bool) {
	raw = bytes.Trim(raw, " \t\r\n") // JSON whitespace only
	if len(raw) == 0 || raw[0] != '{' {
		return nil, false
	}
	v, err := hook.DecodeJSON(raw)
	if err != nil {
		return nil, false
	}
	m, ok := v.(map[string]any)
	return m, ok
}

// str returns m[k] when it is a string.
func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

// firstStr returns the first non-empty string among keys.
func firstStr(m map[string]any, keys ...string) string {
	for _, k := range keys {
		if s := str(m, k); s != "" {
			return s
		}
	}
	return ""
}

// truthy reads a flag a host may send as a bool, a string or a number.
func truthy(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		return x == "true" || x == "1"
	case json.Number:
		return x.String() != "0" && x.String() != "0.0"
	}
	return false
}

// object returns v as an object: an object as is, a string holding a JSON
// object (Cursor's beforeMCPExecution) decoded, anything else empty.
func object(v any) map[string]any {
	switch x := v.(type) {
	case map[string]any:
		return x
	case string:
		if m, ok := decodeObject([]byte(x)); ok {
			return m
		}
	}
	return map[string]any{}
}

// result returns the first present, non-null value among keys.
func result(m map[string]any, keys ...string) (any, bool) {
	for _, k := range keys {
		if v, ok := m[k]; ok && v != nil {
			return v, true
		}
	}
	return nil, false
}

// shellJoin renders an argv (Codex's older shell tool sends one) as a
// command line the shell reader parses back into the same words.
func shellJoin(v any) string {
	arr, ok := v.([]any)
	if !ok {
		s, _ := v.(string)
		return s
	}
	var parts []string
	for _, a := range arr {
		s, ok := a.(string)
		if !ok {
			return ""
		}
		if s != "" && strings.IndexFunc(s, func(r rune) bool {
			return !(r == '/' || r == '.' || r == '-' || r == '_' || r == '=' || r == ':' ||
				r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
		}) < 0 {
			parts = append(parts, s)
			continue
		}
		parts = append(parts, "'"+strings.ReplaceAll(s, "'", `'\''`)+"'")
	}
	return strings.Join(parts, " ")
}

// accept maps a host event name to a moment and checks it against the
// moment the hook was installed for. A payload without an event name is
// taken at face value; a known name for another moment is refused (a
// mis-routed event), as is a name the host uses for something else.
func accept(name string, events map[string]hook.Moment, want hook.Moment) (hook.Moment, bool) {
	if want == hook.MomentNone {
		return hook.MomentNone, false
	}
	if name == "" {
		return want, true
	}
	m, ok := events[name]
	if !ok || m != want {
		return hook.MomentNone, false
	}
	return m, true
}

// marshal renders a payload object; keys come out sorted.
func marshal(v map[string]any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// reason is a deny's reason, never empty (Codex ignores a deny whose
// reason is empty).
func reason(d hook.Decision) string {
	if s := strings.TrimSpace(d.Reason); s != "" {
		return d.Reason
	}
	if s := strings.TrimSpace(d.Context); s != "" {
		return d.Context
	}
	return "dos refused this call."
}

// context is a warning's line for the agent.
func context(d hook.Decision) string {
	if d.Context != "" {
		return d.Context
	}
	return d.Reason
}

// extra is the context a deny adds beyond its reason ("" when the same).
func extra(d hook.Decision) string {
	if d.Context == "" || d.Context == d.Reason {
		return ""
	}
	return d.Context
}

// joined is reason and extra context in one line, for hosts with a single
// text field.
func joined(d hook.Decision) string {
	if e := extra(d); e != "" {
		return reason(d) + " " + e
	}
	return reason(d)
}

package install

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2"
)

// Codex's config.toml is edited as text: dos appends one fenced block of
// [[hooks.<Event>]] tables and, to remove it, cuts the block out. No TOML
// library round-trips comments and layout, and a user's config.toml is full
// of both; the block never touches a byte outside its fences. go-toml parses
// the file before and after, so dos never writes TOML that does not parse
// (a file that already defines hooks.<Event> some other way, for instance
// as an inline array, is refused rather than broken).

const (
	tomlOpen  = "# >>> dos hooks: written by `dos init --hooks codex`; `dos init --hooks codex --remove` takes them out"
	tomlClose = "# <<< dos hooks"
)

// tomlFormat edits a Codex config.toml.
type tomlFormat struct {
	spec Spec
	bin  Binaries
}

// findBlock returns the byte range of dos's block (from the start of the
// opening line to the end of the closing line, newline included), or
// start -1 when there is none.
func findBlock(data []byte) (start, end int, err error) {
	start = -1
	off := 0
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		t := strings.TrimRight(string(line), "\r\n")
		switch {
		case start < 0 && strings.HasPrefix(t, "# >>> dos hooks"):
			start = off
		case start >= 0 && strings.HasPrefix(t, tomlClose):
			return start, off + len(line), nil
		}
		off += len(line)
	}
	if start >= 0 {
		return -1, -1, fmt.Errorf("it has a %q line with no %q after it; fix or delete the dos block by hand", "# >>> dos hooks", tomlClose)
	}
	return -1, -1, nil
}

// tomlDosCommands lists, per event name, the dos commands of the right verb
// in the hooks tables of a parsed config.
func (f tomlFormat) dosCommands(data []byte) (map[string][]string, error) {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	hooks, _ := doc["hooks"].(map[string]any)
	for _, e := range f.spec.Events {
		groups, _ := hooks[e.Name].([]any)
		for _, g := range groups {
			gm, _ := g.(map[string]any)
			hs, _ := gm["hooks"].([]any)
			for _, h := range hs {
				hm, _ := h.(map[string]any)
				cmd, _ := hm["command"].(string)
				if v, ok := DosVerb(cmd); ok && v == e.Verb {
					out[e.Name] = append(out[e.Name], cmd)
				}
			}
		}
	}
	return out, nil
}

// tomlHasHooks reports whether a config.toml defines any hook event (the
// hooks.state table, where Codex records trust, does not count).
func tomlHasHooks(data []byte) bool {
	var doc map[string]any
	if toml.Unmarshal(data, &doc) != nil {
		return false
	}
	hooks, _ := doc["hooks"].(map[string]any)
	for k := range hooks {
		if k != "state" {
			return true
		}
	}
	return false
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (f tomlFormat) block(events []Event) string {
	var b strings.Builder
	b.WriteString(tomlOpen + "\n")
	for i, e := range events {
		if i > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "[[hooks.%s]]\n[[hooks.%s.hooks]]\n", e.Name, e.Name)
		if f.spec.Type {
			b.WriteString("type = \"command\"\n")
		}
		fmt.Fprintf(&b, "command = %s\n", tomlString(f.bin.Command(e.Verb, f.spec.Host)))
		if f.spec.Timeout > 0 {
			fmt.Fprintf(&b, "timeout = %d\n", f.spec.Timeout)
		}
	}
	b.WriteString(tomlClose + "\n")
	return b.String()
}

func (f tomlFormat) install(data []byte, exists bool) ([]byte, []EventResult, error) {
	if _, err := f.dosCommands(data); err != nil {
		return nil, nil, fmt.Errorf("not valid TOML: %w", err)
	}
	start, end, err := findBlock(data)
	if err != nil {
		return nil, nil, err
	}
	outside := data
	var inBlock map[string][]string
	if start >= 0 {
		outside = append(append([]byte(nil), data[:start]...), data[end:]...)
		if inBlock, err = f.dosCommands(data[start:end]); err != nil {
			inBlock = nil
		}
	}
	elsewhere, err := f.dosCommands(outside)
	if err != nil {
		return nil, nil, fmt.Errorf("not valid TOML: %w", err)
	}
	var res []EventResult
	var wire []Event
	for _, e := range f.spec.Events {
		r := EventResult{Event: e.Name, Verb: e.Verb}
		switch old := inBlock[e.Name]; {
		case len(elsewhere[e.Name]) > 0:
			r.Status, r.Count = Elsewhere, len(elsewhere[e.Name])
			res = append(res, r)
			continue
		case len(old) == 0:
			r.Status = Added
		case len(old) == 1 && old[0] == f.bin.Command(e.Verb, f.spec.Host):
			r.Status = Present
		default:
			r.Status = Updated
		}
		r.Count = 1
		wire = append(wire, e)
		res = append(res, r)
	}
	var block string
	if len(wire) > 0 {
		block = f.block(wire)
	}
	var out []byte
	if start >= 0 {
		out = append(append(append([]byte(nil), data[:start]...), block...), data[end:]...)
	} else if block != "" {
		out = append([]byte(nil), data...)
		switch {
		case len(out) == 0 || bytes.HasSuffix(out, []byte("\n\n")):
		case bytes.HasSuffix(out, []byte("\n")):
			out = append(out, '\n')
		default:
			out = append(out, "\n\n"...)
		}
		out = append(out, block...)
	} else {
		out = data
	}
	if _, err := f.dosCommands(out); err != nil {
		return nil, nil, fmt.Errorf("adding [[hooks.<event>]] tables would make it invalid TOML (%v); keep the hooks in .codex/hooks.json instead", err)
	}
	return out, res, nil
}

func (f tomlFormat) remove(data []byte) ([]byte, []EventResult, error) {
	var res []EventResult
	start, end, err := findBlock(data)
	if err != nil {
		return nil, nil, err
	}
	var inBlock map[string][]string
	out := data
	if start >= 0 {
		inBlock, _ = f.dosCommands(data[start:end])
		before := data[:start]
		if bytes.HasSuffix(before, []byte("\n\n")) {
			before = before[:len(before)-1]
		}
		out = append(append([]byte(nil), before...), data[end:]...)
	}
	elsewhere, _ := f.dosCommands(out)
	for _, e := range f.spec.Events {
		r := EventResult{Event: e.Name, Verb: e.Verb, Status: Absent}
		switch {
		case len(inBlock[e.Name]) > 0:
			r.Status, r.Count = Removed, len(inBlock[e.Name])
		case len(elsewhere[e.Name]) > 0:
			r.Status, r.Count = Elsewhere, len(elsewhere[e.Name])
		}
		res = append(res, r)
	}
	return out, res, nil
}

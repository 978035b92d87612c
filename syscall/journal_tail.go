package syscall

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
)

// JournalTailArgs are the inputs of journal tail.
type JournalTailArgs struct {
	N int `name:"n" pos:"0" default:"20" help:"how many records, newest last (0 or less: all)"`
}

// JournalTail prints the last records of the lane journal.
var JournalTail = New(Def{
	Path:  "journal tail",
	Use:   "[<n>]",
	Short: "Print the lane journal's last records",
	Long: `What happened last on the lanes? tail prints the journal's last N records
(default 20; 0 or less prints all) as a JSON array, keys sorted, non-ASCII
escaped. A line that is not JSON shows as {"op": "_CORRUPT", "_raw": ...,
"_line": <0-based line>}; a torn final line (a crash mid-append) is not shown.`,
	Example:     "  dos journal tail\n  dos journal tail 5\n  dos journal tail 0",
	Toolset:     Admission,
	Class:       ReadOnly,
	Surfaces:    CLI | MCP,
	JSONDefault: true,
}, func(ctx context.Context, env *Env, a *JournalTailArgs) (*Result, error) {
	sh, err := openLanes(env, 0, false)
	if err != nil {
		return nil, err
	}
	lines, _, err := sh.j.Lines()
	if err != nil {
		return nil, err
	}
	if a.N > 0 && len(lines) > a.N {
		lines = lines[len(lines)-a.N:]
	}
	out := make([]json.RawMessage, 0, len(lines))
	var text strings.Builder
	for _, l := range lines {
		var v any
		raw := l.Raw
		if l.Record.Op == "_CORRUPT" && l.Record.Raw == string(l.Raw) {
			raw, _ = json.Marshal(map[string]any{"op": "_CORRUPT", "_raw": l.Record.Raw, "_line": l.Index})
		}
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&v); err != nil {
			continue
		}
		b := asciiJSON(v)
		out = append(out, b)
		text.Write(b)
		text.WriteByte('\n')
	}
	return &Result{Data: out, Text: strings.TrimRight(text.String(), "\n")}, nil
})

// asciiJSON encodes v with sorted keys and every non-ASCII character
// escaped as \uXXXX.
func asciiJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	var buf bytes.Buffer
	for _, r := range string(b) {
		switch {
		case r < 0x80:
			buf.WriteRune(r)
		case r > 0xFFFF:
			r -= 0x10000
			writeU(&buf, 0xD800+(r>>10))
			writeU(&buf, 0xDC00+(r&0x3FF))
		default:
			writeU(&buf, r)
		}
	}
	return buf.Bytes()
}

func writeU(buf *bytes.Buffer, r rune) {
	const hex = "0123456789abcdef"
	buf.WriteString(`\u`)
	for s := 12; s >= 0; s -= 4 {
		buf.WriteByte(hex[(r>>s)&0xF])
	}
}

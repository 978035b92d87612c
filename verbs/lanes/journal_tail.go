package lanes

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/state/store"
)

// JournalTailArgs are the inputs of journal tail.
type JournalTailArgs struct {
	N int `name:"n" pos:"0" default:"20" help:"how many records, newest last (0 or less: all)"`
}

// JournalTailResult is journal tail's answer: the last records, each a
// JSON object as written (keys sorted, non-ASCII escaped), oldest first;
// or the LOCK_BUSY body when a shared store did not answer.
type JournalTailResult struct {
	Records []json.RawMessage
	Busy    *LockBusyResult
}

// MarshalJSON writes the records as a list, or the LOCK_BUSY body.
func (r JournalTailResult) MarshalJSON() ([]byte, error) {
	if r.Busy != nil {
		return encodeJSON(r.Busy)
	}
	if r.Records == nil {
		return []byte("[]"), nil
	}
	return encodeJSON(r.Records)
}

// OutputShape says the answer is a list of objects (the records' keys are
// the journal's, not fixed here), or the LOCK_BUSY body.
func (JournalTailResult) OutputShape() call.Shape {
	return call.ShapeOf(reflect.TypeFor[[]map[string]any](), reflect.TypeFor[LockBusyResult]())
}

// JournalTail prints the last records of the lane journal.
var JournalTail = call.Def{
	Path:  "journal tail",
	Use:   "[<n>]",
	Short: "Print the lane journal's last records",
	Long: `USE THIS WHEN: you want the most recent lane events (grants, releases,
heartbeats, halts) to see what the fleet just did.

What happened last on the lanes? tail prints the journal's last N records
(default 20; 0 or less prints all) as a JSON array, keys sorted, non-ASCII
escaped. A line that is not JSON shows as {"op": "_CORRUPT", "_raw": ...,
"_line": <0-based index>}, the reference's sentinel; a long one keeps only its
first 1024 bytes in _raw plus "_length" and "_sha256". A torn final line (a
crash mid-append) is not shown.

On an etcd fleet the records are the fleet's event keys (the checkpoint a
compaction left first), each with the revision that wrote it as its seq;
records written by one transaction share it. A cluster that does not answer
is LOCK_BUSY (exit 4), naming the endpoints.`,
	Example:         "  dos journal tail\n  dos journal tail 5\n  dos journal tail 0",
	Toolset:         call.Spine,
	Class:           call.ReadOnly,
	Surfaces:        call.CLI | call.MCP,
	JSONDefault:     true,
	Verdicts:        []*call.Verdict{&LockBusy},
	OptionalVerdict: true,
	Handler: &call.Typed[JournalTailArgs, JournalTailResult]{Fn: func(ctx context.Context, env *call.Env, a *JournalTailArgs) (*call.Reply[JournalTailResult], error) {
		evs, _, err := readJournal(env, func(st store.Store) ([]store.Event, error) { return st.Tail(ctx, a.N) })
		if store.Down(err) {
			return readDown(JournalTailResult{Busy: downBody("", err)}, err), nil
		}
		if err != nil {
			return nil, err
		}
		out := JournalTailResult{Records: make([]json.RawMessage, 0, len(evs))}
		var text strings.Builder
		for _, e := range evs {
			var v any
			dec := json.NewDecoder(bytes.NewReader(e.Line))
			dec.UseNumber()
			if err := dec.Decode(&v); err != nil {
				continue
			}
			b := asciiJSON(v)
			out.Records = append(out.Records, b)
			text.Write(b)
			text.WriteByte('\n')
		}
		return &call.Reply[JournalTailResult]{Body: out, Text: strings.TrimRight(text.String(), "\n")}, nil
	}},
}

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

package install

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/tailscale/hujson"
)

// This file edits JSON with comments (JSONC / JWCC) in place. hujson keeps
// every byte of the input in its syntax tree, so whatever this file does not
// touch packs back byte for byte; the helpers below only add or remove whole
// members and elements and lay the new ones out like their neighbours.

// seq is an object's members or an array's elements, seen as a list of items
// with the comments and blanks around them.
type seq interface {
	n() int
	// before is the extra after the opening bracket or the comma that
	// precedes item i; after is the extra between item i and its comma.
	before(i int) *hujson.Extra
	after(i int) *hujson.Extra
	// tail is the extra before the closing bracket.
	tail() *hujson.Extra
	drop(i int)
}

type objSeq struct{ o *hujson.Object }

func (s objSeq) n() int                     { return len(s.o.Members) }
func (s objSeq) before(i int) *hujson.Extra { return &s.o.Members[i].Name.BeforeExtra }
func (s objSeq) after(i int) *hujson.Extra  { return &s.o.Members[i].Value.AfterExtra }
func (s objSeq) tail() *hujson.Extra        { return &s.o.AfterExtra }
func (s objSeq) drop(i int)                 { s.o.Members = append(s.o.Members[:i], s.o.Members[i+1:]...) }

type arrSeq struct{ a *hujson.Array }

func (s arrSeq) n() int                     { return len(s.a.Elements) }
func (s arrSeq) before(i int) *hujson.Extra { return &s.a.Elements[i].BeforeExtra }
func (s arrSeq) after(i int) *hujson.Extra  { return &s.a.Elements[i].AfterExtra }
func (s arrSeq) tail() *hujson.Extra        { return &s.a.AfterExtra }
func (s arrSeq) drop(i int)                 { s.a.Elements = append(s.a.Elements[:i], s.a.Elements[i+1:]...) }

// layout is how new items are indented: unit is one level, and each call
// passes the indentation of the line that opens the container.
type layout struct{ unit string }

// parseJSONC parses data as JSON with comments; blank input is an empty
// object. The root must be an object.
func parseJSONC(data []byte) (hujson.Value, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		data = []byte("{}\n")
	}
	v, err := hujson.Parse(data)
	if err != nil {
		return v, err
	}
	if _, ok := v.Value.(*hujson.Object); !ok {
		return v, fmt.Errorf("the top level is %s, not an object", kindName(v.Value.Kind()))
	}
	return v, nil
}

func kindName(k hujson.Kind) string {
	switch k {
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	case '"':
		return "a string"
	case '0':
		return "a number"
	case '[':
		return "an array"
	case '{':
		return "an object"
	}
	return "a value"
}

// detectLayout takes the indentation unit from the first indented member of
// the root object; two spaces when there is none.
func detectLayout(root *hujson.Object) layout {
	for _, m := range root.Members {
		if ind, ok := lineIndent(m.Name.BeforeExtra); ok && ind != "" {
			return layout{unit: ind}
		}
	}
	return layout{unit: "  "}
}

// lineIndent returns the blanks after the last newline of e, when e has a
// newline and only blanks follow it.
func lineIndent(e hujson.Extra) (string, bool) {
	i := bytes.LastIndexByte(e, '\n')
	if i < 0 {
		return "", false
	}
	rest := e[i+1:]
	if len(bytes.Trim(rest, " \t")) != 0 {
		return "", false
	}
	return string(rest), true
}

func hasComment(e hujson.Extra) bool {
	return bytes.Contains(e, []byte("//")) || bytes.Contains(e, []byte("/*"))
}

// itemIndent is the indentation of item i of s, or the container's plus one
// unit when item i does not start a line of its own.
func (l layout) itemIndent(s seq, i int, parent string) string {
	if ind, ok := lineIndent(*s.before(i)); ok {
		return ind
	}
	return parent + l.unit
}

// appendTo appends an item to s, laid out like the items already there:
// add receives the extra to put before the item, the extra after it (non-nil
// when the list keeps a trailing comma) and the indentation of its first
// line. parent is the indentation of the line that opens the container.
func (l layout) appendTo(s seq, parent string, add func(before, after hujson.Extra, indent string)) {
	n := s.n()
	tail := *s.tail()
	var head, rest hujson.Extra
	if k := bytes.LastIndexByte(tail, '\n'); k >= 0 {
		head, rest = tail[:k], tail[k:]
	} else {
		head, rest = tail, nil
	}
	if !hasComment(head) {
		head = nil
	}
	if n == 0 {
		indent := parent + l.unit
		before := joinExtra(head, "\n"+indent)
		*s.tail() = hujson.Extra("\n" + parent)
		add(before, nil, indent)
		return
	}
	last := n - 1
	trailing := *s.after(last) != nil
	var after hujson.Extra
	if trailing {
		after = hujson.Extra{}
	}
	multiline := bytes.IndexByte(*s.before(last), '\n') >= 0 || bytes.IndexByte(tail, '\n') >= 0
	if !multiline {
		add(hujson.Extra(" "), after, parent)
		return
	}
	indent := l.itemIndent(s, last, parent)
	*s.tail() = append(hujson.Extra(nil), rest...)
	add(joinExtra(head, "\n"+indent), after, indent)
}

func joinExtra(head hujson.Extra, s string) hujson.Extra {
	out := append(hujson.Extra(nil), head...)
	return append(out, s...)
}

// removeAt takes item i out of s, keeping any comment that sat before it.
func removeAt(s seq, i int) {
	n := s.n()
	b := *s.before(i)
	var keep hujson.Extra
	if hasComment(b) {
		if k := bytes.LastIndexByte(b, '\n'); k >= 0 {
			keep = append(keep, b[:k]...)
		} else {
			keep = append(keep, b...)
		}
	}
	if i < n-1 {
		next := s.before(i + 1)
		*next = concatExtra(keep, *next)
		s.drop(i)
		return
	}
	trailing := *s.after(i) != nil
	s.drop(i)
	if n-1 > 0 {
		// The new last item keeps the list's trailing comma, or loses it.
		prev := s.after(n - 2)
		if trailing {
			if *prev == nil {
				*prev = hujson.Extra{}
			}
		} else {
			moved := append(hujson.Extra(nil), *prev...)
			*prev = nil
			keep = append(moved, keep...)
		}
	}
	*s.tail() = concatExtra(keep, *s.tail())
}

// concatExtra joins two extras; when a ends in a line comment cut from its
// newline, the newline comes back unless b starts with one.
func concatExtra(a, b hujson.Extra) hujson.Extra {
	out := append(hujson.Extra(nil), a...)
	if !out.IsValid() && !bytes.HasPrefix(b, []byte("\n")) {
		out = append(out, '\n')
	}
	return append(out, b...)
}

// member returns the index of the last member called name (the one hosts
// that read JSON with the usual decoders keep), or -1.
func member(o *hujson.Object, name string) int {
	for i := len(o.Members) - 1; i >= 0; i-- {
		if lit, ok := o.Members[i].Name.Value.(hujson.Literal); ok && lit.String() == name {
			return i
		}
	}
	return -1
}

// renderJSON lays v out over several lines, each after the first prefixed
// with indent, one unit per level; HTML characters are left as they are.
func renderJSON(v any, indent, unit string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(indent, unit)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// parseValue parses text rendered by renderJSON into a bare value.
func parseValue(text []byte) (hujson.Value, error) {
	v, err := hujson.Parse(text)
	if err != nil {
		return v, err
	}
	v.BeforeExtra, v.AfterExtra = nil, nil
	return v, nil
}

// appendMember adds "name": value at the end of object o.
func (l layout) appendMember(o *hujson.Object, parent, name string, value any) error {
	var err error
	l.appendTo(objSeq{o}, parent, func(before, after hujson.Extra, indent string) {
		var text []byte
		if text, err = renderJSON(value, indent, l.unit); err != nil {
			return
		}
		var v hujson.Value
		if v, err = parseValue(text); err != nil {
			return
		}
		v.BeforeExtra = hujson.Extra(" ")
		v.AfterExtra = after
		o.Members = append(o.Members, hujson.ObjectMember{
			Name:  hujson.Value{BeforeExtra: before, Value: hujson.String(name)},
			Value: v,
		})
	})
	return err
}

// appendElement adds value at the end of array a.
func (l layout) appendElement(a *hujson.Array, parent string, value any) error {
	var err error
	l.appendTo(arrSeq{a}, parent, func(before, after hujson.Extra, indent string) {
		var text []byte
		if text, err = renderJSON(value, indent, l.unit); err != nil {
			return
		}
		var v hujson.Value
		if v, err = parseValue(text); err != nil {
			return
		}
		v.BeforeExtra = before
		v.AfterExtra = after
		a.Elements = append(a.Elements, v)
	})
	return err
}

// rawJSON is JSON text rendered as itself.
type rawJSON string

func (r rawJSON) MarshalJSON() ([]byte, error) { return []byte(r), nil }

// stringValue returns the string held by v, if it is one.
func stringValue(v hujson.Value) (string, bool) {
	lit, ok := v.Value.(hujson.Literal)
	if !ok || lit.Kind() != '"' {
		return "", false
	}
	return lit.String(), true
}

// objectField returns the value of the last member name of v, if v is an
// object that has one.
func objectField(v *hujson.Value, name string) *hujson.Value {
	o, ok := v.Value.(*hujson.Object)
	if !ok {
		return nil
	}
	if i := member(o, name); i >= 0 {
		return &o.Members[i].Value
	}
	return nil
}

// isStrictJSON reports whether data has no comments and no trailing commas.
func isStrictJSON(data []byte) bool {
	v, err := hujson.Parse(data)
	return err == nil && v.IsStandard()
}

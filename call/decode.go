package call

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
)

// DecodeJSON builds a call's input from a JSON object whose keys are the
// arguments' MCP names (workspace, plan, no_index, ...). Values keep their
// JSON types: strings, numbers, booleans and arrays of strings. A key d does
// not take, a value of the wrong type, or a body that is not an object is a
// [UsageError], worded like the CLI's, and the result passes the same
// validation in [Def.Run]. An empty or null body is an empty object.
func (d *Def) DecodeJSON(raw []byte) (*Input, error) {
	in := d.NewInput()
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return in, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil || raw[0] != '{' {
		return nil, &UsageError{Msg: fmt.Sprintf("%s: arguments must be a JSON object", d.Path)}
	}
	return in, d.decodeInto(in, obj)
}

func (d *Def) decodeInto(in *Input, obj map[string]json.RawMessage) error {
	type target struct {
		f    Field
		args any
	}
	known := map[string]target{}
	for _, f := range Fields(in.Args) {
		if f.MCP {
			known[f.MCPName()] = target{f, in.Args}
		}
	}
	for _, f := range d.CommonFields() {
		known[f.MCPName()] = target{f, &in.Common}
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		t, ok := known[k]
		if !ok {
			names := make([]string, 0, len(known))
			for n := range known {
				names = append(names, n)
			}
			slices.Sort(names)
			return &UsageError{Msg: fmt.Sprintf("%s takes no argument %q", d.Path, k),
				Hints: []string{"arguments: " + strings.Join(names, ", ")}}
		}
		if err := setJSON(t.args, t.f, obj[k]); err != nil {
			return err
		}
	}
	return nil
}

// setJSON stores one JSON value into the field f of args.
func setJSON(args any, f Field, raw json.RawMessage) error {
	if string(bytes.TrimSpace(raw)) == "null" {
		return nil // absent: the default stands
	}
	v := FieldValue(args, f)
	wrong := func(want string) error {
		return &UsageError{Msg: fmt.Sprintf("%s wants %s, got %s", f.MCPName(), want, clip(string(raw)))}
	}
	switch f.Kind {
	case reflect.String:
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return wrong("a string")
		}
		v.SetString(s)
	case reflect.Bool:
		var b bool
		if json.Unmarshal(raw, &b) != nil {
			return wrong("true or false")
		}
		v.SetBool(b)
	case reflect.Int, reflect.Int64:
		var x float64
		if json.Unmarshal(raw, &x) != nil || x != math.Trunc(x) || math.Abs(x) > 1<<53 {
			return wrong("a whole number")
		}
		v.SetInt(int64(x))
	case reflect.Float64:
		var x float64
		if json.Unmarshal(raw, &x) != nil {
			return wrong("a number")
		}
		v.SetFloat(x)
	case reflect.Slice:
		var xs []string
		if json.Unmarshal(raw, &xs) != nil {
			return wrong("an array of strings")
		}
		v.Set(reflect.ValueOf(xs))
	}
	return nil
}

// clip shortens a value quoted back in an error message.
func clip(s string) string {
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

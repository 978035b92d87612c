// Package outschema derives the JSON Schema of a verb's answer from the
// registry's declaration of it ([call.Def.OutputShape]). It links
// jsonschema-go, whose package init costs more than the rest of a start:
// only the MCP surface and tests import it, never the CLI's start path.
package outschema

import (
	"fmt"
	"slices"

	"github.com/google/jsonschema-go/jsonschema"

	"github.com/dispatchos/dos/call"
)

// For is the JSON Schema of d's answer as --json prints it and MCP returns
// it as structured content: the result body's schema, inferred from the Go
// types of its shape, plus syscall, verdict (an enum of the declared
// words), exit_code and interpretation for an object body. A list body's
// schema is the list's; a shape of several types is an anyOf.
func For(d *call.Def) (*jsonschema.Schema, error) {
	shape := d.OutputShape()
	branches := make([]*jsonschema.Schema, 0, len(shape.Of))
	for _, t := range shape.Of {
		s, err := jsonschema.ForType(t, &jsonschema.ForOptions{})
		if err != nil {
			return nil, fmt.Errorf("%s: result schema: %w", d.Path, err)
		}
		s.Required = slices.DeleteFunc(s.Required, func(k string) bool { return slices.Contains(shape.Optional, k) })
		branches = append(branches, s)
	}
	var s *jsonschema.Schema
	switch len(branches) {
	case 0:
		return nil, fmt.Errorf("%s: result schema: the shape names no type", d.Path)
	case 1:
		s = branches[0]
	default:
		s = &jsonschema.Schema{AnyOf: branches}
	}
	Envelope(d, s)
	return s, nil
}

// Envelope adds the keys every object answer of d carries (syscall,
// exit_code, interpretation, and verdict as an enum of d's words) to an
// object schema, or to each object branch of an anyOf.
func Envelope(d *call.Def, s *jsonschema.Schema) {
	for _, b := range s.AnyOf {
		Envelope(d, b)
	}
	if s.Type != "object" && !slices.Contains(s.Types, "object") {
		return
	}
	if s.Properties == nil {
		s.Properties = map[string]*jsonschema.Schema{}
	}
	s.Properties["syscall"] = &jsonschema.Schema{Type: "string", Const: jsonschema.Ptr[any](d.Path)}
	s.Properties["exit_code"] = &jsonschema.Schema{Type: "integer"}
	s.Properties["interpretation"] = &jsonschema.Schema{Type: "string"}
	s.Required = append(s.Required, "syscall", "exit_code")
	if len(d.Verdicts) > 0 {
		var words []any
		for _, v := range d.Verdicts {
			words = append(words, v.Word())
		}
		s.Properties["verdict"] = &jsonschema.Schema{Type: "string", Enum: words}
		if !d.OptionalVerdict && !slices.Contains(s.Required, "verdict") {
			s.Required = append(s.Required, "verdict") // a body may carry its own
		}
	}
}

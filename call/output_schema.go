package call

import (
	"fmt"
	"reflect"
	"slices"

	"github.com/google/jsonschema-go/jsonschema"
)

// SchemaProvider is a result body whose JSON form is not its Go shape (it
// has its own MarshalJSON) and so states its own schema.
type SchemaProvider interface {
	OutputSchema() (*jsonschema.Schema, error)
}

// OutputSchema is the JSON Schema of d's answer as --json prints it and
// MCP returns it as structured content: the result body's schema, inferred
// from its Go type, plus syscall, verdict (an enum of the declared words),
// exit_code and interpretation for an object body. A list body's schema is
// the list's.
func (d *Def) OutputSchema() (*jsonschema.Schema, error) {
	var s *jsonschema.Schema
	var err error
	if p, ok := reflect.Zero(d.resultType).Interface().(SchemaProvider); ok {
		s, err = p.OutputSchema()
	} else {
		s, err = jsonschema.ForType(d.resultType, &jsonschema.ForOptions{})
	}
	if err != nil {
		return nil, fmt.Errorf("%s: result schema: %w", d.Path, err)
	}
	d.envelope(s)
	return s, nil
}

// envelope adds the keys every object answer carries to an object schema,
// or to each object branch of an anyOf.
func (d *Def) envelope(s *jsonschema.Schema) {
	for _, b := range s.AnyOf {
		d.envelope(b)
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
		s.Required = append(s.Required, "verdict")
	}
}

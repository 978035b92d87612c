package call

import (
	"reflect"
)

// Shape says which Go types a result's JSON takes the form of, so a
// schema can be inferred from them. It is plain data: deriving the JSON
// Schema is the job of package outschema, linked only by the surfaces that
// publish schemas (MCP) and by tests, never by the start-up path.
type Shape struct {
	// Of holds the Go types whose JSON forms the answer takes: one, or
	// several alternatives (an anyOf).
	Of []reflect.Type
	// Optional names keys of an object form that may be missing (the
	// promoted fields of an embedded pointer, present as a group or not at
	// all).
	Optional []string
}

// Shaper is a result body whose JSON form is not its Go shape (it has its
// own MarshalJSON) and so states the shape its JSON takes.
type Shaper interface {
	OutputShape() Shape
}

// OutputShape is the shape of d's result body: what its type states as a
// [Shaper], else its own Go type.
func (d *Def) OutputShape() Shape {
	t := d.Handler.resultType()
	if p, ok := reflect.Zero(t).Interface().(Shaper); ok {
		return p.OutputShape()
	}
	return Shape{Of: []reflect.Type{t}}
}

// ShapeOf is the shape of an answer whose JSON is one of the given types'.
func ShapeOf(types ...reflect.Type) Shape { return Shape{Of: types} }

package mcp

import (
	"encoding/json"
	"fmt"
	"slices"

	"github.com/google/jsonschema-go/jsonschema"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/call/outschema"
)

// ItemsKey is the property that carries a list answer over MCP. MCP wants
// an object at the top of structured content, so a verb whose --json is a
// list (journal tail, lease-lane live, commit-audit over a range) answers
// {"items": <the list>, "syscall", "verdict", "exit_code"}, items being
// exactly what the CLI prints.
const ItemsKey = "items"

// OutputSchema is d's output schema as an MCP tool declares it: the
// registry's schema with an object at the top. An object answer is kept
// as it is (a nullable object becomes an object: an answer is never
// null); a list answer is wrapped in the [ItemsKey] envelope; an anyOf is
// kept, each branch made an object the same way, under "type": "object".
func OutputSchema(d *call.Def) (*jsonschema.Schema, error) {
	s, err := outschema.For(d)
	if err != nil {
		return nil, err
	}
	return objectTop(d, s), nil
}

// objectTop makes s an object schema (see [OutputSchema]).
func objectTop(d *call.Def, s *jsonschema.Schema) *jsonschema.Schema {
	if len(s.AnyOf) > 0 {
		branches := make([]*jsonschema.Schema, len(s.AnyOf))
		for i, b := range s.AnyOf {
			branches[i] = objectTop(d, b)
		}
		return &jsonschema.Schema{Type: "object", AnyOf: branches}
	}
	if isType(s, "array") {
		return listEnvelope(d, s)
	}
	c := *s
	if isType(s, "object") {
		c.Type, c.Types = "object", nil
	}
	return &c
}

// listEnvelope is the schema of the [ItemsKey] envelope around list s.
func listEnvelope(d *call.Def, s *jsonschema.Schema) *jsonschema.Schema {
	e := &jsonschema.Schema{
		Type:                 "object",
		Properties:           map[string]*jsonschema.Schema{ItemsKey: s},
		Required:             []string{ItemsKey},
		AdditionalProperties: &jsonschema.Schema{Not: &jsonschema.Schema{}},
	}
	outschema.Envelope(d, e)
	return e
}

func isType(s *jsonschema.Schema, t string) bool {
	return s.Type == t || slices.Contains(s.Types, t)
}

// listsAnswer reports whether some answer of d is a list (so the tool's
// description explains the envelope).
func listsAnswer(d *call.Def) bool {
	s, err := outschema.For(d)
	if err != nil {
		return false
	}
	if isType(s, "array") {
		return true
	}
	return slices.ContainsFunc(s.AnyOf, func(b *jsonschema.Schema) bool { return isType(b, "array") })
}

// rawSchema encodes a schema for mcp-go's raw schema fields.
func rawSchema(v any) (json.RawMessage, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode schema: %w", err)
	}
	return b, nil
}

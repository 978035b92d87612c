package call

import (
	"reflect"
	"strconv"
)

// InputSchema is the JSON Schema of d's arguments as an MCP tool takes
// them: one flat object, property names with _ for -, every property typed
// plainly (no anyOf, no null), optional ones left out of required, with
// their description, default and allowed values. It is derived from the
// same struct tags as the CLI flags, so the two cannot drift apart.
func (d *Def) InputSchema() map[string]any {
	props := map[string]any{}
	required := []string{}
	for _, f := range append(Fields(d.NewArgs()), d.CommonFields()...) {
		if !f.MCP {
			continue
		}
		p := map[string]any{"description": f.Help}
		switch f.Kind {
		case reflect.String:
			p["type"] = "string"
		case reflect.Bool:
			p["type"] = "boolean"
		case reflect.Int, reflect.Int64:
			p["type"] = "integer"
		case reflect.Float64:
			p["type"] = "number"
		case reflect.Slice:
			p["type"] = "array"
			p["items"] = map[string]any{"type": "string"}
		}
		if f.Default != "" {
			p["default"] = schemaDefault(f)
		}
		if len(f.Enum) > 0 {
			p["enum"] = f.Enum
		}
		props[f.MCPName()] = p
		if f.Required {
			required = append(required, f.MCPName())
		}
	}
	return map[string]any{"type": "object", "properties": props, "required": required, "additionalProperties": false}
}

// schemaDefault is a field's default as a typed JSON value.
func schemaDefault(f Field) any {
	switch f.Kind {
	case reflect.Bool:
		if b, err := strconv.ParseBool(f.Default); err == nil {
			return b
		}
	case reflect.Int, reflect.Int64:
		if n, err := strconv.ParseInt(f.Default, 10, 64); err == nil {
			return n
		}
	case reflect.Float64:
		if x, err := strconv.ParseFloat(f.Default, 64); err == nil {
			return x
		}
	case reflect.Slice:
		return []string{f.Default}
	}
	return f.Default
}

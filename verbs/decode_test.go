package verbs

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/dispatchos/dos/call"
)

// Every verb decodes its arguments from a JSON object the way an MCP
// client sends them, with the CLI's validation: an unknown key, a value of
// the wrong type and a missing required argument are usage errors, never
// a verdict and never a panic.
func TestEveryVerbDecodesJSON(t *testing.T) {
	wrong := map[reflect.Kind]string{
		reflect.String: `5`, reflect.Bool: `"yes"`, reflect.Int: `"x"`, reflect.Int64: `1.5`,
		reflect.Float64: `"x"`, reflect.Slice: `"src/**"`,
	}
	for _, d := range All() {
		var ue *call.UsageError
		if _, err := d.DecodeJSON([]byte(`{"no_such_argument":1}`)); !errors.As(err, &ue) {
			t.Errorf("%s: an unknown key gave %v", d.Path, err)
		}
		if _, err := d.DecodeJSON([]byte(`[]`)); !errors.As(err, &ue) {
			t.Errorf("%s: an array body gave %v", d.Path, err)
		}
		fields := append(call.Fields(d.NewArgs()), d.CommonFields()...)
		for _, f := range fields {
			if !f.MCP {
				continue
			}
			body := `{"` + f.MCPName() + `":` + wrong[f.Kind] + `}`
			if _, err := d.DecodeJSON([]byte(body)); !errors.As(err, &ue) || !strings.Contains(err.Error(), f.MCPName()) {
				t.Errorf("%s: %s gave %v, want a usage error naming %s", d.Path, body, err, f.MCPName())
			}
			if !f.Required {
				continue
			}
			// every other required argument given, this one left out
			var others []string
			for _, g := range fields {
				if g.Required && g.Name != f.Name {
					v := `"X"`
					if g.Kind == reflect.Slice {
						v = `["X"]`
					}
					others = append(others, `"`+g.MCPName()+`":`+v)
				}
			}
			in, err := d.DecodeJSON([]byte("{" + strings.Join(others, ",") + "}"))
			if err != nil {
				t.Fatalf("%s: %v", d.Path, err)
			}
			env := &call.Env{Cwd: t.TempDir()}
			if _, err := d.Run(context.Background(), env, in); !errors.As(err, &ue) || !strings.Contains(err.Error(), f.Name) {
				t.Errorf("%s: without %s gave %v, want a usage error naming it", d.Path, f.Name, err)
			}
		}
	}
}

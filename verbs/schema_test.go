package verbs

import (
	"encoding/json"
	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/verbs/ship"
	"testing"
)

// The MCP input schema comes from the same tags as the CLI flags. Practice
// 20: the expected JSON is spelled out by hand.
func TestVerifyInputSchema(t *testing.T) {
	got, err := json.Marshal(ship.Verify.InputSchema())
	if err != nil {
		t.Fatal(err)
	}
	want := `{"additionalProperties":false,"properties":{` +
		`"driver":{"description":"the base policy dos.toml is folded over: generic (default) or job","type":"string"},` +
		`"job":{"description":"same as --driver job","type":"boolean"},` +
		`"no_ci":{"description":"skip the binding rungs ([verify] exec_cmd, prefer_artifact_rung)","type":"boolean"},` +
		`"no_index":{"description":"walk the history without reading or writing the index cache","type":"boolean"},` +
		`"phase":{"description":"the unit of work inside the plan (AUTH1, P3)","type":"string"},` +
		`"plan":{"description":"the plan or series id (AUTH, docs/77)","type":"string"},` +
		`"ref":{"default":"HEAD","description":"verify against the history reachable from this ref","type":"string"},` +
		`"workspace":{"description":"the workspace directory (default: $DISPATCH_WORKSPACE, then the current directory)","type":"string"}},` +
		`"required":["plan","phase"],"type":"object"}`
	if string(got) != want {
		t.Fatalf("verify schema:\n got %s\nwant %s", got, want)
	}
}

// No schema uses anyOf/oneOf/allOf or null, which some hosts mishandle,
// and every required property exists.
func TestSchemasArePlain(t *testing.T) {
	for _, d := range All() {
		if !d.Has(call.MCP) {
			continue
		}
		s := d.InputSchema()
		b, _ := json.Marshal(s)
		var generic map[string]any
		json.Unmarshal(b, &generic)
		for _, k := range []string{"anyOf", "oneOf", "allOf"} {
			if _, bad := generic[k]; bad {
				t.Errorf("%s: top-level %s", d.ToolName(), k)
			}
		}
		props := s["properties"].(map[string]any)
		for _, r := range s["required"].([]string) {
			if _, ok := props[r]; !ok {
				t.Errorf("%s: required %q is not a property", d.ToolName(), r)
			}
		}
		for name, p := range props {
			if p.(map[string]any)["type"] == nil {
				t.Errorf("%s.%s has no type", d.ToolName(), name)
			}
		}
	}
}

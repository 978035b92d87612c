package verbs

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/call/outschema"
	"github.com/dispatchos/dos/internal/samples"
)

// Every verb's result type yields an output schema, and the JSON each
// sample call prints validates against it (issue: typed results).
func TestOutputValidatesAgainstSchema(t *testing.T) {
	dir := samples.Workspace(t)
	covered := map[string]bool{}
	reg := All()
	for _, c := range samples.Calls {
		d := reg.Lookup(c.Path)
		if d == nil {
			t.Errorf("sample for unknown verb %q", c.Path)
			continue
		}
		covered[c.Path] = true
		schema, err := outschema.For(d)
		if err != nil {
			t.Errorf("%s: %v", c.Path, err)
			continue
		}
		resolved, err := schema.Resolve(nil)
		if err != nil {
			t.Errorf("%s: schema does not resolve: %v", c.Path, err)
			continue
		}
		in, err := d.DecodeJSON([]byte(c.Args))
		if err != nil {
			t.Errorf("%s %s: %v", c.Path, c.Args, err)
			continue
		}
		env := &call.Env{Now: time.Now, Getenv: func(string) string { return "" }, Cwd: dir,
			Stderr: &bytes.Buffer{}, Stdin: strings.NewReader(""), Registry: reg}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		res, err := d.Run(ctx, env, in)
		cancel()
		if err != nil {
			t.Errorf("%s %s: %v", c.Path, c.Args, err)
			continue
		}
		b, err := res.JSON(true)
		if err != nil {
			t.Errorf("%s: %v", c.Path, err)
			continue
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Errorf("%s: --json is not JSON: %v", c.Path, err)
			continue
		}
		if err := resolved.Validate(v); err != nil {
			t.Errorf("%s %s: output does not validate: %v\n%s", c.Path, c.Args, err, b)
		}
	}
	for _, d := range reg {
		if !covered[d.Path] && d.Path != "quickstart" {
			t.Errorf("%s has no sample call in internal/samples", d.Path)
		}
	}
}

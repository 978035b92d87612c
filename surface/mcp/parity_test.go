package mcp_test

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/internal/samples"
	"github.com/dispatchos/dos/verbs"
)

// MCP 1 and Truth 8: for every sample call of every tool, the structured
// content equals what the real dos binary prints with --json --explain for
// the same arguments (a list answer: its items), and exit_code is the
// CLI's exit code. The CLI and the server each run the whole sample
// sequence on their own copy of the same workspace, so the verbs that
// write see the same state on both sides.
func TestStructuredContentIsTheCLIJSON(t *testing.T) {
	tmpl := samples.Workspace(t)
	cliWS, mcpWS := copyDir(t, tmpl), copyDir(t, tmpl)
	s := start(t, "dos-mcp", mcpWS, nil, "--toolsets", "all")
	tools := listTools(t, s)
	reg := verbs.All()
	covered := map[string]bool{}
	compared := 0
	for _, c := range samples.Calls {
		d := reg.Lookup(c.Path)
		if d == nil {
			t.Fatalf("sample for unknown verb %q", c.Path)
		}
		if !d.Has(call.MCP) {
			continue
		}
		covered[c.Path] = true
		var args map[string]any
		if err := json.Unmarshal([]byte(c.Args), &args); err != nil {
			t.Fatal(err)
		}
		argv := append(strings.Fields(d.Path), cliArgs(t, d, args)...)
		argv = append(argv, "--json")
		if len(d.Verdicts) > 0 {
			argv = append(argv, "--explain")
		}
		if !d.NoWorkspace {
			argv = append(argv, "--workspace", cliWS)
		}
		out, errs, code := runBin(t, cliWS, nil, "dos", argv...)
		if code == call.ExitUsage {
			t.Errorf("dos %v: exit 2: %s", argv, errs)
			continue
		}
		var cli any
		if err := json.Unmarshal([]byte(out), &cli); err != nil {
			t.Errorf("dos %v: not JSON: %v\n%s", argv, err, out)
			continue
		}
		if !d.NoWorkspace {
			args["workspace"] = mcpWS
		}
		res := s.call(t, d.ToolName(), args)
		if res.IsError {
			t.Errorf("%s %s: isError: %s", d.ToolName(), c.Args, text(res))
			continue
		}
		got := object(t, res)
		// The answer validates against the output schema the tool declares.
		if err := validates(tools[d.ToolName()], got); err != nil {
			t.Errorf("%s %s: structured content does not match the declared output schema: %v", d.ToolName(), c.Args, err)
		}
		if got["exit_code"] != float64(code) {
			t.Errorf("%s %s: exit_code %v, the CLI exited %d", d.ToolName(), c.Args, got["exit_code"], code)
		}
		want := cli
		if list, isList := cli.([]any); isList {
			want, got = map[string]any{"items": list}, map[string]any{"items": got["items"]}
		}
		compared++
		g, w := normalize(got, mcpWS), normalize(want, cliWS)
		if !reflect.DeepEqual(g, w) {
			gb, _ := json.MarshalIndent(g, "", " ")
			wb, _ := json.MarshalIndent(w, "", " ")
			t.Errorf("%s %s: structured content differs from dos %s\n--- mcp\n%s\n--- cli\n%s", d.ToolName(), c.Args, strings.Join(argv, " "), gb, wb)
		}
	}
	if compared < len(samples.Calls)/2 {
		t.Errorf("only %d answers compared", compared)
	}
	for _, d := range reg {
		if d.Has(call.MCP) && !covered[d.Path] {
			t.Errorf("%s has no sample call (internal/samples)", d.ToolName())
		}
	}
}

// validates checks v against tl's declared output schema.
func validates(tl *sdk.Tool, v any) error {
	if tl == nil {
		return fmt.Errorf("no such tool")
	}
	b, err := json.Marshal(tl.OutputSchema)
	if err != nil {
		return err
	}
	var s jsonschema.Schema
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	r, err := s.Resolve(nil)
	if err != nil {
		return err
	}
	return r.Validate(v)
}

// cliArgs turns MCP arguments into the CLI's positionals and flags.
func cliArgs(t *testing.T, d *call.Def, args map[string]any) []string {
	t.Helper()
	var pos []string
	var rest, flags []string
	fields := call.Fields(d.NewArgs())
	slices.SortFunc(fields, func(a, b call.Field) int { return a.Pos - b.Pos })
	for _, f := range fields {
		v, ok := args[f.MCPName()]
		if !ok {
			continue
		}
		var vals []string
		switch x := v.(type) {
		case []any:
			for _, e := range x {
				vals = append(vals, fmt.Sprint(e))
			}
		default:
			vals = []string{fmt.Sprint(x)}
		}
		switch {
		case f.Pos >= 0:
			pos = append(pos, vals...)
		case f.Pos == call.PosRest:
			rest = append(rest, vals...)
		default:
			for _, s := range vals {
				flags = append(flags, "--"+f.Name+"="+s)
			}
		}
	}
	return append(append(pos, rest...), flags...)
}

var (
	timeRE = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?`)
	ridRE  = regexp.MustCompile(`RID-[0-9A-Z]{15}`)
	ageRE  = regexp.MustCompile(`age=\d+s`)
)

// normalize makes two answers from two processes comparable: the
// workspace path becomes $WS, and the values that name the moment or the
// process (timestamps, run ids, pids, ages, elapsed times) become
// placeholders, and so does a byte count that depends on them
// (bytes_reclaimed: the journal holds the writers' pids, whose digits
// differ between the two runs). Everything else must be equal.
func normalize(v any, ws string) any {
	switch x := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range x {
			switch k {
			case "pid", "ms", "age_s", "took_ms", "generated_ms", "now_ms", "ts_ms", "bytes_reclaimed":
				out[k] = "<volatile>"
			default:
				out[k] = normalize(e, ws)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalize(e, ws)
		}
		return out
	case string:
		s := strings.ReplaceAll(x, ws, "$WS")
		s = timeRE.ReplaceAllString(s, "<time>")
		s = ridRE.ReplaceAllString(s, "<rid>")
		return ageRE.ReplaceAllString(s, "age=<n>s")
	}
	return v
}

// copyDir copies a directory tree (a workspace with its .git) to a new
// temporary directory, so two copies hold the same commits.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	if out, err := exec.Command("cp", "-a", src+"/.", dst).CombinedOutput(); err != nil {
		t.Fatalf("cp: %v\n%s", err, out)
	}
	return dst
}

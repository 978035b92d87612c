package mcp_test

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/jsonschema-go/jsonschema"
	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/verbs"
)

// listTools lists a server's tools by name.
func listTools(t *testing.T, s *server) map[string]*sdk.Tool {
	t.Helper()
	res, err := s.ListTools(context.Background(), nil)
	if err != nil {
		t.Fatalf("tools/list: %v\nstderr:\n%s", err, s.stderr)
	}
	out := map[string]*sdk.Tool{}
	for _, tl := range res.Tools {
		out[tl.Name] = tl
	}
	return out
}

// Every tool, as an independent client sees it, is complete: a name that
// follows the rule, a description that opens with the verb's summary and
// says when to use it, an input schema that is a plain closed object, an
// output schema with an object at the top that compiles, and annotations
// that say truthfully whether it writes (MCP 1-3, spec mcp §3, §10.2).
func TestEveryToolValidates(t *testing.T) {
	s := start(t, "dos-mcp", t.TempDir(), nil, "--toolsets", "all")
	tools := listTools(t, s)
	nameRE := regexp.MustCompile(`^dos_[a-z][a-z_]*$`)
	want := 0
	for _, d := range verbs.All() {
		if !d.Has(call.MCP) {
			if _, ok := tools[d.ToolName()]; ok {
				t.Errorf("%s is not an MCP syscall but is listed", d.Path)
			}
			continue
		}
		want++
		tl, ok := tools[d.ToolName()]
		if !ok {
			t.Errorf("%s: no tool %s", d.Path, d.ToolName())
			continue
		}
		if !nameRE.MatchString(tl.Name) {
			t.Errorf("tool name %q", tl.Name)
		}
		if !strings.HasPrefix(tl.Description, strings.TrimRight(d.Short, ".")) || !strings.Contains(tl.Description, "USE THIS WHEN: ") {
			t.Errorf("%s: description does not open with the summary and a USE THIS WHEN line:\n%s", tl.Name, tl.Description)
		}
		if tl.Title == "" || tl.Annotations == nil || tl.Annotations.Title == "" {
			t.Errorf("%s: no title", tl.Name)
		}
		checkInputSchema(t, tl)
		checkOutputSchema(t, tl)
		a := tl.Annotations
		if a == nil {
			t.Errorf("%s: no annotations", tl.Name)
			continue
		}
		ro := d.Class == call.ReadOnly
		if a.ReadOnlyHint != ro || a.IdempotentHint != ro || a.DestructiveHint == nil ||
			*a.DestructiveHint != (d.Class == call.Destructive) || a.OpenWorldHint == nil || *a.OpenWorldHint {
			b, _ := json.Marshal(a)
			t.Errorf("%s (%s): annotations %s", tl.Name, d.Class, b)
		}
	}
	if len(tools) != want {
		t.Errorf("%d tools listed, %d MCP syscalls", len(tools), want)
	}
	// The reference's names are contracts (MCP 3).
	for _, n := range []string{"dos_verify", "dos_commit_audit", "dos_arbitrate", "dos_refuse_reasons", "dos_check_reason", "dos_doctor"} {
		if tools[n] == nil {
			t.Errorf("no %s", n)
		}
	}
}

func checkInputSchema(t *testing.T, tl *sdk.Tool) {
	t.Helper()
	b, _ := json.Marshal(tl.InputSchema)
	var s map[string]any
	json.Unmarshal(b, &s)
	if s["type"] != "object" || s["additionalProperties"] != false {
		t.Errorf("%s: input schema is not a closed object: %s", tl.Name, b)
	}
	for _, k := range []string{"anyOf", "oneOf", "allOf"} {
		if strings.Contains(string(b), `"`+k+`"`) {
			t.Errorf("%s: input schema uses %s", tl.Name, k)
		}
	}
	props, _ := s["properties"].(map[string]any)
	for name, p := range props {
		pm := p.(map[string]any)
		if pm["type"] == nil || pm["description"] == "" || strings.Contains(name, "-") {
			t.Errorf("%s.%s: %v", tl.Name, name, pm)
		}
	}
}

func checkOutputSchema(t *testing.T, tl *sdk.Tool) {
	t.Helper()
	b, _ := json.Marshal(tl.OutputSchema)
	var s jsonschema.Schema
	if err := json.Unmarshal(b, &s); err != nil {
		t.Errorf("%s: output schema: %v", tl.Name, err)
		return
	}
	if s.Type != "object" {
		t.Errorf("%s: output schema's top is %q, not an object: %.200s", tl.Name, s.Type, b)
	}
	if _, err := s.Resolve(nil); err != nil {
		t.Errorf("%s: output schema does not resolve: %v", tl.Name, err)
	}
}

// MCP 3, 4: the default toolset is small and read-only; write tools come
// only with the write set (or all); --read-only refuses them even then.
func TestToolsets(t *testing.T) {
	dir := t.TempDir()
	reg := verbs.All()
	classOf := func(name string) call.Class {
		for _, d := range reg {
			if d.ToolName() == name {
				return d.Class
			}
		}
		t.Fatalf("no syscall for tool %s", name)
		return 0
	}
	count := func(tools map[string]*sdk.Tool) (ro, w int) {
		for n := range tools {
			if classOf(n) == call.ReadOnly {
				ro++
			} else {
				w++
			}
		}
		return
	}
	def := listTools(t, start(t, "dos-mcp", dir, nil))
	if ro, w := count(def); w != 0 || ro == 0 || ro > 15 || def["dos_verify"] == nil {
		t.Errorf("default set: %d read-only, %d write tools", ro, w)
	}
	write := listTools(t, start(t, "dos-mcp", dir, nil, "--toolsets", "write"))
	if ro, w := count(write); ro != 0 || w == 0 || write["dos_lease_lane_acquire"] == nil {
		t.Errorf("--toolsets write: %d read-only, %d write tools", ro, w)
	}
	both := listTools(t, start(t, "dos-mcp", dir, []string{"DOS_MCP_TOOLSETS=core,write"}))
	if len(both) != len(def)+len(write) {
		t.Errorf("DOS_MCP_TOOLSETS=core,write: %d tools, want %d", len(both), len(def)+len(write))
	}
	all := listTools(t, start(t, "dos-mcp", dir, nil, "--toolsets", "all"))
	ro := listTools(t, start(t, "dos-mcp", dir, nil, "--toolsets", "all,write", "--read-only"))
	roAll, wAll := count(all)
	if r, w := count(ro); w != 0 || r != roAll || wAll == 0 {
		t.Errorf("--read-only over all: %d read-only, %d write (all has %d and %d)", r, w, roAll, wAll)
	}
	names := func(m map[string]*sdk.Tool) []string {
		var out []string
		for n := range m {
			out = append(out, n)
		}
		slices.Sort(out)
		return out
	}
	// --list-tools prints exactly what a host sees.
	out := runCmd(t, dir, nil, "dos-mcp", "--list-tools", "--json", "--toolsets", "all")
	var listed struct{ Tools []struct{ Name string } }
	if err := json.Unmarshal([]byte(out), &listed); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, tl := range listed.Tools {
		got = append(got, tl.Name)
	}
	slices.Sort(got)
	if !slices.Equal(got, names(all)) {
		t.Errorf("--list-tools --json lists %v; tools/list %v", got, names(all))
	}
	text := runCmd(t, dir, nil, "dos", "mcp", "--list-tools")
	if strings.Count(text, "\n") != len(def) || !strings.Contains(text, "dos_verify") {
		t.Errorf("dos mcp --list-tools:\n%s", text)
	}
}

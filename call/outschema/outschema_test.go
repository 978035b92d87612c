package outschema

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/dispatchos/dos/call"
)

type probeArgs struct {
	Plan string `name:"plan" pos:"0" required:"true" help:"a plan"`
}

type probeResult struct {
	Plan string   `json:"plan"`
	Tree []string `json:"tree"`
}

var probeYes = call.NewVerdict("YES", 0)

var probe = &call.Def{Path: "probe", Short: "p", Toolset: call.Ops, Surfaces: call.CLI | call.MCP, Verdicts: []*call.Verdict{&probeYes}, Handler: &call.Typed[probeArgs, probeResult]{Fn: func(ctx context.Context, env *call.Env, a *probeArgs) (*call.Reply[probeResult], error) {
	return &call.Reply[probeResult]{Verdict: probeYes, Body: probeResult{Plan: a.Plan}}, nil
}}}

func TestFor(t *testing.T) {
	s, err := For(probe)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"plan", "tree", "syscall", "verdict", "exit_code", "interpretation"} {
		if s.Properties[k] == nil {
			t.Errorf("output schema lacks %s", k)
		}
	}
	if got := s.Properties["verdict"].Enum; len(got) != 1 || got[0] != "YES" {
		t.Errorf("verdict enum %v", got)
	}
}

// shaped answers either a list of strings or an object, and its object's
// "tree" may be missing.
type shaped struct{}

func (shaped) OutputShape() call.Shape {
	return call.Shape{Of: []reflect.Type{reflect.TypeFor[[]string](), reflect.TypeFor[probeResult]()}, Optional: []string{"tree"}}
}

var shapedDef = &call.Def{Path: "shaped", Short: "s", Toolset: call.Ops, Surfaces: call.CLI | call.MCP, Verdicts: []*call.Verdict{&probeYes}, Handler: &call.Typed[probeArgs, shaped]{Fn: func(ctx context.Context, env *call.Env, a *probeArgs) (*call.Reply[shaped], error) {
	return &call.Reply[shaped]{Verdict: probeYes}, nil
}}}

func TestForShape(t *testing.T) {
	s, err := For(shapedDef)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.AnyOf) != 2 {
		t.Fatalf("want an anyOf of 2, got %+v", s)
	}
	list, obj := s.AnyOf[0], s.AnyOf[1]
	if (list.Type != "array" && !slices.Contains(list.Types, "array")) || list.Properties != nil {
		t.Errorf("list branch %+v", list)
	}
	if obj.Properties["syscall"] == nil || obj.Properties["verdict"] == nil {
		t.Errorf("object branch lacks the envelope: %+v", obj.Properties)
	}
	for _, k := range obj.Required {
		if k == "tree" {
			t.Errorf("tree should be optional: %v", obj.Required)
		}
	}
}

// A verb whose verdict is optional (a read that answers one only when it
// fails) declares the verdict's words but does not require the key.
func TestForOptionalVerdict(t *testing.T) {
	d := *probe
	for _, optional := range []bool{false, true} {
		d.OptionalVerdict = optional
		s, err := For(&d)
		if err != nil {
			t.Fatal(err)
		}
		if s.Properties["verdict"] == nil || slices.Contains(s.Required, "verdict") == optional {
			t.Errorf("OptionalVerdict %v: verdict %+v, required %v", optional, s.Properties["verdict"], s.Required)
		}
	}
}

// verdictBody carries its own verdict key, as loop's plan does.
type verdictBody struct {
	Verdict string `json:"verdict"`
}

var verdictDef = &call.Def{Path: "vb", Short: "v", Toolset: call.Ops, Surfaces: call.CLI | call.MCP, Verdicts: []*call.Verdict{&probeYes}, Handler: &call.Typed[probeArgs, verdictBody]{Fn: func(ctx context.Context, env *call.Env, a *probeArgs) (*call.Reply[verdictBody], error) {
	return &call.Reply[verdictBody]{Verdict: probeYes}, nil
}}}

// A body with its own verdict key lists it once among the required keys
// (a JSON schema's required names are unique), as the envelope's enum.
func TestForBodyVerdict(t *testing.T) {
	s, err := For(verdictDef)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, k := range s.Required {
		if k == "verdict" {
			n++
		}
	}
	if n != 1 || len(s.Properties["verdict"].Enum) != 1 {
		t.Fatalf("required %v, verdict %+v", s.Required, s.Properties["verdict"])
	}
}

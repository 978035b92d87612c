package call

import (
	"context"
	"errors"
	"strings"
	"testing"
)

type probeArgs struct {
	Plan  string   `name:"plan" pos:"0" required:"true" help:"a plan"`
	Kind  string   `name:"kind" enum:"a,b" help:"a kind"`
	Tree  []string `name:"tree" help:"globs"`
	TTL   float64  `name:"ttl" default:"30" help:"minutes"`
	N     int      `name:"n" default:"20" help:"a count"`
	Force bool     `name:"no-wait" help:"a switch"`
}

type probeResult struct {
	Plan string   `json:"plan"`
	Tree []string `json:"tree"`
}

var probeYes = NewVerdict("YES", 0)

// probe is a syscall registered only in this test.
var probe = &Def{Path: "probe", Short: "p", Toolset: Ops, Surfaces: CLI | MCP, Verdicts: []*Verdict{&probeYes}, Handler: &Typed[probeArgs, probeResult]{Fn: func(ctx context.Context, env *Env, a *probeArgs) (*Reply[probeResult], error) {
	return &Reply[probeResult]{Verdict: probeYes, Text: "YES " + a.Plan, Body: probeResult{Plan: a.Plan, Tree: a.Tree}}, nil
}}}

func TestDecodeJSONGood(t *testing.T) {
	in, err := probe.DecodeJSON([]byte(`{"plan":"AUTH","kind":"b","tree":["src/**"],"ttl":1.5,"n":3,"no_wait":true,"workspace":"/w","job":true}`))
	if err != nil {
		t.Fatal(err)
	}
	a := in.Args.(*probeArgs)
	if a.Plan != "AUTH" || a.Kind != "b" || len(a.Tree) != 1 || a.TTL != 1.5 || a.N != 3 || !a.Force {
		t.Fatalf("decoded %+v", a)
	}
	if in.Common.Workspace != "/w" || !in.Common.Job {
		t.Fatalf("common %+v", in.Common)
	}
}

func TestDecodeJSONDefaults(t *testing.T) {
	in, err := probe.DecodeJSON([]byte(`{"plan":"X","ttl":null}`))
	if err != nil {
		t.Fatal(err)
	}
	if a := in.Args.(*probeArgs); a.TTL != 30 || a.N != 20 {
		t.Fatalf("defaults lost: %+v", a)
	}
}

// Bad input is a UsageError on every path, worded for a person.
func TestDecodeJSONBad(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{`[1]`, "must be a JSON object"},
		{`"x"`, "must be a JSON object"},
		{`{"plan":1}`, "plan wants a string"},
		{`{"tree":"src"}`, "tree wants an array of strings"},
		{`{"n":1.5}`, "n wants a whole number"},
		{`{"ttl":"abc"}`, "ttl wants a number"},
		{`{"no_wait":"yes"}`, "no_wait wants true or false"},
		{`{"bogus":1}`, `probe takes no argument "bogus"`},
		{`{"no-wait":true}`, `takes no argument "no-wait"`},
	} {
		_, err := probe.DecodeJSON([]byte(c.body))
		var ue *UsageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want a usage error with %q", c.body, err, c.want)
		}
	}
}

// Validation after decoding is the CLI's: a missing required argument and a
// value outside the enum fail in Run, before the handler.
func TestDecodedInputValidatedInRun(t *testing.T) {
	env := &Env{}
	for _, c := range []struct{ body, want string }{
		{`{}`, "plan must be non-empty"},
		{`{"plan":"A","kind":"z"}`, "kind must be one of a, b"},
		{`{"plan":"A\u0007"}`, "control character"},
	} {
		in, err := probe.DecodeJSON([]byte(c.body))
		if err != nil {
			t.Fatal(err)
		}
		_, err = probe.Run(context.Background(), env, in)
		var ue *UsageError
		if !errors.As(err, &ue) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.body, err, c.want)
		}
	}
	in, _ := probe.DecodeJSON([]byte(`{"plan":"A"}`))
	res, err := probe.Run(context.Background(), env, in)
	if err != nil || res.Verdict != probeYes || res.ExitCode != 0 || res.Syscall != "probe" {
		t.Fatalf("good call: %+v %v", res, err)
	}
}

// A verdict the Def does not declare never reaches a surface.
func TestUndeclaredVerdictRefused(t *testing.T) {
	other := NewVerdict("NO", 1)
	d := &Def{Path: "probe2", Verdicts: []*Verdict{&probeYes}, Handler: &Typed[probeArgs, probeResult]{Fn: func(ctx context.Context, env *Env, a *probeArgs) (*Reply[probeResult], error) {
		return &Reply[probeResult]{Verdict: other}, nil
	}}}
	in, _ := d.DecodeJSON([]byte(`{"plan":"A"}`))
	if _, err := d.Run(context.Background(), &Env{}, in); err == nil || !strings.Contains(err.Error(), "not declared") {
		t.Fatalf("got %v", err)
	}
}

// Each call gets its own Env: the common arguments of one call never leak
// into the next.
func TestEnvPerCall(t *testing.T) {
	base := &Env{WorkspaceFlag: "/base"}
	a := base.ForCall(Common{Workspace: "/a"})
	b := base.ForCall(Common{})
	if a.WorkspaceFlag != "/a" || b.WorkspaceFlag != "/base" || a == base || base.WorkspaceFlag != "/base" {
		t.Fatalf("a=%q b=%q base=%q", a.WorkspaceFlag, b.WorkspaceFlag, base.WorkspaceFlag)
	}
}

// FuzzDecodeJSON: any body decodes or is refused with a UsageError; no
// panic, and a decoded input passes through validation without one.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{`{}`, `{"plan":"A","tree":["x"],"n":3}`, `{"ttl":1e308}`, `{"n":-9007199254740993}`, `[`, `null`, `{"plan":"\u0000"}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		in, err := probe.DecodeJSON(body)
		if err != nil {
			var ue *UsageError
			if !errors.As(err, &ue) {
				t.Fatalf("%q: %v is not a usage error", body, err)
			}
			return
		}
		_ = validate(in.Args)
		_ = validate(&in.Common)
	})
}

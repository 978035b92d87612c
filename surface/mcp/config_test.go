package mcp

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/dispatchos/dos/call"
)

// A toolset list parses to known names only, without duplicates, and
// parsing its own output gives it back; anything else is a usage error.
func FuzzParseToolsets(f *testing.F) {
	for _, s := range []string{"", "core", "core,write", " All , spine ,", "nope", "core,,core", "WRITE", "ops,truth,admission"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseToolsets(s)
		if err != nil {
			var ue *call.UsageError
			if !strings.Contains(err.Error(), "unknown toolset") || !errors.As(err, &ue) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		for i, n := range got {
			if !slices.Contains(knownSets, n) || slices.Contains(got[:i], n) {
				t.Fatalf("%q: %v", s, got)
			}
		}
		again, err := ParseToolsets(strings.Join(got, ","))
		if err != nil || !slices.Equal(again, got) {
			t.Fatalf("%q: %v, then %v %v", s, got, again, err)
		}
	})
}

// The deadline is a whole number of milliseconds; anything unreadable or
// negative is the default, 0 is none.
func TestParseDeadline(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"": DefaultDeadline, "abc": DefaultDeadline, "-5": DefaultDeadline, "1.5": DefaultDeadline,
		"0": 0, "250": 250 * time.Millisecond, " 100 ": 100 * time.Millisecond,
	} {
		if got := ParseDeadline(in); got != want {
			t.Errorf("%q: %v, want %v", in, got, want)
		}
	}
}

// unknownArgs names exactly the arguments the flag set does not take, and
// never a flag's value.
func FuzzUnknownArgs(f *testing.F) {
	f.Add("--toolsets core --read-only --stdio x")
	f.Add("--toolsets=all -- --list-tools")
	f.Add("-h --json --bogus=1 -")
	f.Fuzz(func(t *testing.T, line string) {
		fs := pflag.NewFlagSet("t", pflag.ContinueOnError)
		fs.String("toolsets", "", "")
		fs.Bool("read-only", false, "")
		fs.BoolP("help", "h", false, "")
		args := strings.Fields(line)
		for _, u := range unknownArgs(fs, args) {
			if !slices.Contains(args, u) {
				t.Fatalf("%q: %q is not an argument", line, u)
			}
			if u == "--read-only" || u == "-h" || u == "--help" {
				t.Fatalf("%q: a known flag %q reported unknown", line, u)
			}
		}
	})
}

// Serves: core only by default; write tools need the write set (or all);
// read-only refuses them even then.
func TestServes(t *testing.T) {
	ro := &call.Def{Path: "r", Toolset: call.Spine, Class: call.ReadOnly, Surfaces: call.MCP}
	w := &call.Def{Path: "w", Toolset: call.WriteSet, Class: call.Write, Surfaces: call.MCP}
	core := &call.Def{Path: "c", Toolset: call.Core, Class: call.ReadOnly, Surfaces: call.MCP}
	cliOnly := &call.Def{Path: "x", Toolset: call.Core, Class: call.ReadOnly, Surfaces: call.CLI}
	for _, c := range []struct {
		cfg  Config
		want []bool // ro, w, core, cliOnly
	}{
		{Config{}, []bool{false, false, true, false}},
		{Config{Toolsets: []string{"spine"}}, []bool{true, false, false, false}},
		{Config{Toolsets: []string{"write"}}, []bool{false, true, false, false}},
		{Config{Toolsets: []string{"all"}}, []bool{true, true, true, false}},
		{Config{Toolsets: []string{"all", "write"}, ReadOnly: true}, []bool{true, false, true, false}},
	} {
		var got []bool
		for _, d := range []*call.Def{ro, w, core, cliOnly} {
			got = append(got, c.cfg.Serves(d))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%+v: %v, want %v", c.cfg, got, c.want)
		}
	}
}

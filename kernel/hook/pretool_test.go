package hook

import (
	"slices"
	"testing"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/reasons"
)

// protected is the built-in set of hooks decision 6 for a checkout at /r
// whose git directory is /r/.git, plus a [self_modify] protect entry.
var protected = []string{
	"/r/dos.toml", "/r/.dos/**", "/r/.git/dos/**",
	"/r/.claude/settings*.json", "/r/.codex/config.toml", "/r/.codex/hooks.json",
	"/r/.gemini/settings.json", "/r/.cursor/hooks.json", "/r/.agents/hooks.json",
	"/home/u/.claude/settings.json",
	"/r/src/orch/*.go",
}

func pre(tool Tool, input map[string]any) Event {
	return Event{Moment: MomentPre, Tool: tool, HostTool: string(tool), Input: input, SessionKey: "me", Cwd: "/r"}
}

func bash(cmd string) Event { return pre(ToolBash, map[string]any{"command": cmd}) }

var place = Place{Root: "/r", Cwd: "/r", Home: "/home/u"}

// Hooks decisions 6 and 7: the protected files are refused in every mode,
// by file tool, redirect and in-place edit, named with or without a slash.
func TestPretoolProtected(t *testing.T) {
	deny := []Event{
		pre(ToolWrite, map[string]any{"file_path": "/r/dos.toml"}),
		pre(ToolEdit, map[string]any{"file_path": "dos.toml"}),
		pre(ToolEdit, map[string]any{"file_path": "DOS.TOML"}),
		pre(ToolWrite, map[string]any{"file_path": "/r/.dos/lane-journal.jsonl"}),
		pre(ToolWrite, map[string]any{"file_path": "/r/.git/dos/abc.idx"}),
		pre(ToolWrite, map[string]any{"file_path": "/r/.claude/settings.local.json"}),
		pre(ToolWrite, map[string]any{"file_path": "/r/.codex/hooks.json"}),
		pre(ToolWrite, map[string]any{"file_path": "/r/src/orch/main.go"}),
		pre(ToolApplyPatch, map[string]any{"command": "*** Begin Patch\n*** Update File: dos.toml\n*** End Patch"}),
		bash("echo x > dos.toml"),
		bash("sed -i 's/^/x/' dos.toml"),
		bash("rm -rf .dos"),
		bash("cd .dos && rm lane-journal.jsonl"),
		bash("echo x > ~/.claude/settings.json"),
		bash("sed -i s/a/b/ src/orch/*.go"),
		bash("rm *"),
		bash("cp /tmp/evil.json .claude/settings.json"),
		bash("mv .gemini/settings.json /tmp/"),
		bash("make x && echo x > dos.toml"),
		bash("git clean -fdx"),
		bash("rm -rf .git"),
	}
	for _, loop := range []bool{false, true} {
		for _, ev := range deny {
			out := Pretool(PreInput{Event: ev, Place: place, Protected: protected, Loop: loop})
			if out.Decision.Action != Deny || out.Decision.Class != reasons.SelfModify {
				t.Errorf("loop=%v %v %v: %+v, want a SELF_MODIFY deny", loop, ev.Tool, ev.Input, out.Decision)
			}
		}
	}
	allow := []Event{
		pre(ToolRead, map[string]any{"file_path": "/r/dos.toml"}),
		bash("cat dos.toml"),
		bash("grep x .dos/lane-journal.jsonl"),
		pre(ToolWrite, map[string]any{"file_path": "/r/dos.toml.example"}),
		pre(ToolWrite, map[string]any{"file_path": "/r/docs/dos.toml"}),
		pre(ToolWrite, map[string]any{"file_path": "/r/.dosx/a"}),
		pre(ToolWrite, map[string]any{"file_path": "/r/.claude/commands/x.md"}),
		pre(ToolWrite, map[string]any{"file_path": "/other/dos.toml"}),
		bash("cp /tmp/a.txt ."),
		bash("echo x > /dev/null"),
		bash("make build"),
		pre(ToolWrite, map[string]any{}),
	}
	for _, ev := range allow {
		out := Pretool(PreInput{Event: ev, Place: place, Protected: protected, Loop: true})
		if out.Decision.Action != Allow {
			t.Errorf("%v %v: %+v, want allow", ev.Tool, ev.Input, out.Decision)
		}
	}
}

// A path written relative to a cwd below the root is made relative to the
// checkout root, not to the cwd (spec §2.2 improve (a)).
func TestPretoolPathsRelativeToRoot(t *testing.T) {
	ev := pre(ToolEdit, map[string]any{"file_path": "../dos.toml"})
	ev.Cwd = "/r/src"
	pl := place
	pl.Cwd = "/r/src"
	out := Pretool(PreInput{Event: ev, Place: pl, Protected: protected})
	if out.Decision.Action != Deny || !slices.Equal(out.Tree, []string{"dos.toml"}) {
		t.Errorf("../dos.toml from src: %+v tree %q", out.Decision, out.Tree)
	}
	out = Pretool(PreInput{Event: bash("touch a.go"), Place: pl})
	if !slices.Equal(out.Tree, []string{"src/a.go"}) {
		t.Errorf("tree %q, want src/a.go", out.Tree)
	}
	// A symlinked spelling of the root is mapped onto the real one.
	pl = Place{Root: "/real/r", Cwd: "/link/r", Aliases: []Alias{{From: "/link/r", To: "/real/r"}}}
	out = Pretool(PreInput{Event: pre(ToolWrite, map[string]any{"file_path": "/link/r/dos.toml"}), Place: pl,
		Protected: []string{"/real/r/dos.toml"}})
	if out.Decision.Action != Deny {
		t.Errorf("aliased root: %+v", out.Decision)
	}
}

func lz(holder, lane string, tree ...string) lease.Lease {
	return lease.Lease{Lane: lane, LaneKind: "cluster", Holder: holder, LoopTS: "2026-01-01T00:00:00Z", Tree: tree}
}

// Lanes: another holder's lane refuses a write into it in loop mode and
// warns in an operator session; the agent's own lease never counts (hooks
// decisions 4 and 8); an unknown footprint only warns.
func TestPretoolLeases(t *testing.T) {
	other := lz("other-agent", "docs", "docs/**")
	mine := lz("me", "src", "src/**")
	run := lz("someone", "api", "api/**")
	run.RunID = "run-7"
	write := func(p string) Event { return pre(ToolWrite, map[string]any{"file_path": p}) }
	tests := []struct {
		name   string
		ev     Event
		leases []lease.Lease
		loop   bool
		self   Self
		want   Action
		class  string
	}{
		{"other's lane, loop", write("/r/docs/a.md"), []lease.Lease{other}, true, Self{}, Deny, reasons.Overlap},
		{"other's lane, operator", write("/r/docs/a.md"), []lease.Lease{other}, false, Self{}, Warn, reasons.Overlap},
		{"exact glob", write("/r/docs/a.md"), []lease.Lease{lz("x", "d", "docs/a.md")}, true, Self{}, Deny, reasons.ExactGlob},
		{"disjoint", write("/r/src/a.go"), []lease.Lease{other}, true, Self{}, Allow, ""},
		{"own lease by session", write("/r/src/a.go"), []lease.Lease{mine}, true, Self{Session: "me"}, Allow, ""},
		{"own lease by run id", write("/r/api/a.go"), []lease.Lease{run}, true, Self{RunID: "run-7"}, Allow, ""},
		{"someone else's run", write("/r/api/a.go"), []lease.Lease{run}, true, Self{RunID: "run-8"}, Deny, reasons.Overlap},
		{"read in other's lane", pre(ToolRead, map[string]any{"file_path": "/r/docs/a.md"}), []lease.Lease{other}, true, Self{}, Allow, ""},
		{"mention in other's lane", bash("grep x docs/a.md"), []lease.Lease{other}, true, Self{}, Allow, ""},
		{"redirect into other's lane", bash("echo x > docs/a.md"), []lease.Lease{other}, true, Self{}, Deny, reasons.Overlap},
		{"unknown footprint", bash("make build"), []lease.Lease{other}, true, Self{}, Warn, reasons.EmptyTree},
		{"unknown footprint, only own lease", bash("make build"), []lease.Lease{mine}, true, Self{Session: "me"}, Allow, ""},
		{"unknown footprint, no lease", bash("make build"), nil, true, Self{}, Allow, ""},
		{"lease with empty tree", write("/r/docs/a.md"), []lease.Lease{lz("x", "ghost")}, true, Self{}, Allow, ""},
		{"outside the checkout", write("/tmp/x.md"), []lease.Lease{lz("x", "all", "**/*")}, true, Self{}, Allow, ""},
		{"no tool", Event{Moment: MomentPre}, []lease.Lease{other}, true, Self{}, Allow, ""},
	}
	for _, tc := range tests {
		out := Pretool(PreInput{Event: tc.ev, Place: place, Protected: protected, Leases: tc.leases, Loop: tc.loop, Self: tc.self})
		if out.Decision.Action != tc.want || out.Decision.Class != tc.class {
			t.Errorf("%s: %v %q (%s), want %v %q", tc.name, out.Decision.Action, out.Decision.Class, out.Decision.Reason, tc.want, tc.class)
		}
		if out.Decision.Action != Allow && out.Decision.Reason == "" {
			t.Errorf("%s: no reason", tc.name)
		}
		if out.Decision.Action == Warn && out.Decision.Context == "" {
			t.Errorf("%s: a warning with no context", tc.name)
		}
	}
}

// The reference's 1/3 tolerance is available as ratio_max (lanes decision 1).
func TestPretoolRatio(t *testing.T) {
	ev := bash("touch src/a.go docs/b.md docs/c.md docs/d.md")
	l := []lease.Lease{lz("x", "src", "src/**")}
	if out := Pretool(PreInput{Event: ev, Place: place, Leases: l, Loop: true}); out.Decision.Action != Deny {
		t.Errorf("strict ratio: %+v", out.Decision)
	}
	if out := Pretool(PreInput{Event: ev, Place: place, Leases: l, Loop: true, RatioMax: 1.0 / 3}); out.Decision.Action != Allow {
		t.Errorf("1/3 ratio, 1 of 4 shared: %+v", out.Decision)
	}
}

func TestEnforceRecord(t *testing.T) {
	ev := pre(ToolWrite, map[string]any{"file_path": "/r/dos.toml"})
	out := Pretool(PreInput{Event: ev, Place: place, Protected: protected})
	rec, ok := Enforce(ev, out, Stamp{HostID: "h", RunID: "r1", Dialect: "claude-code"})
	if !ok || rec.Op != OpEnforce || rec.Intervention != InterventionBlock || !rec.Withheld || rec.DispatchCall ||
		rec.ReasonClass != reasons.SelfModify || rec.Holder != "me" || rec.Lane != "Write" || rec.Proposal.Decision != "deny" {
		t.Errorf("deny record: %+v", rec)
	}
	if _, ok := Enforce(ev, PreOutcome{Decision: Allowed}, Stamp{}); ok {
		t.Error("an allow was journaled")
	}
}

func TestResolve(t *testing.T) {
	pl := Place{Root: "/r", Cwd: "/r/a", Home: "/h"}
	for in, want := range map[string]string{
		"x": "/r/a/x", "../x": "/r/x", "/abs/./y": "/abs/y", "~/z": "/h/z", "~": "/h", `a\b`: "/r/a/a/b",
	} {
		if got, ok := pl.Resolve(in); !ok || got != want {
			t.Errorf("Resolve(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "~bob/x"} {
		if _, ok := pl.Resolve(in); ok {
			t.Errorf("Resolve(%q) resolved", in)
		}
	}
	if _, ok := (Place{Root: "/r"}).Resolve("~/x"); ok {
		t.Error("~ without a home resolved")
	}
}

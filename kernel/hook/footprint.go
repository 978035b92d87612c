package hook

import "strings"

// noFootprint reports tools that write no file in the work tree: readers and
// the hosts' own housekeeping (plans, todo lists, sub-agents, questions).
func noFootprint(t Tool) bool {
	switch t {
	case ToolRead, ToolGrep, ToolGlob, ToolLS, ToolNotebookRead, ToolWebFetch,
		ToolWebSearch, ToolTodoWrite, "Task", "Agent", "ExitPlanMode", "EnterPlanMode",
		"BashOutput", "KillShell", "KillBash", "AskUserQuestion", "Skill", "SlashCommand",
		"ListMcpResourcesTool", "ReadMcpResourceTool", "TaskOutput", "TaskStop", "ToolSearch":
		return true
	}
	return false
}

// Footprint is where a tool call may write.
type Footprint struct {
	targets []target
	// Known is false when part of the call may write somewhere no target
	// names (an unknown program, a pathless write, an unknown tool).
	Known bool
}

// WritesNothing reports a footprint proven empty: a read-only tool, or a
// command whose every part is known to write no file. Such a call is
// always allowed.
func (f Footprint) WritesNothing() bool { return f.Known && len(f.targets) == 0 }

// Paths returns the targets as written (relative paths joined to the cd
// directory they were written under).
func (f Footprint) Paths() []string {
	out := make([]string, len(f.targets))
	for i, t := range f.targets {
		out[i] = t.joined()
	}
	return out
}

func (t target) joined() string {
	if t.dir == "" || isAbs(t.path) {
		return t.path
	}
	return t.dir + "/" + t.path
}

// FootprintOf reads an event's write footprint.
func FootprintOf(ev Event) Footprint {
	if noFootprint(ev.Tool) {
		return Footprint{Known: true}
	}
	for _, k := range []string{KeyFilePath, KeyPath, KeyNotebookPath} {
		if p := ev.InputString(k); strings.TrimSpace(p) != "" {
			return Footprint{targets: []target{{path: p, subtree: ev.Tool == ToolDelete}}, Known: true}
		}
	}
	switch ev.Tool {
	case ToolBash:
		cmd := ev.InputString(KeyCommand)
		if strings.TrimSpace(cmd) == "" {
			return Footprint{}
		}
		fp := shellFootprint{}
		classifyInto(&fp, cmd, ev.InputString(KeyCwd), 0)
		return Footprint{targets: fp.targets, Known: !fp.unknown}
	case ToolApplyPatch:
		ps := patchPaths(ev.InputString(KeyCommand))
		if len(ps) == 0 {
			return Footprint{}
		}
		f := Footprint{Known: true}
		for _, p := range ps {
			f.targets = append(f.targets, target{path: p})
		}
		return f
	}
	return Footprint{}
}

package install

// cursorSpec wires Cursor: .cursor/hooks.json, flat handlers, "version": 1.
// No timeout is written: Cursor's unit is disputed (seconds in most
// examples, milliseconds in one vendor's docs), and a guess in the wrong
// unit would either kill every hook or never time out.
var cursorSpec = Spec{
	Host:         Cursor,
	Title:        "Cursor",
	Project:      []string{".cursor/hooks.json"},
	User:         []string{".cursor/hooks.json"},
	Container:    []string{"hooks"},
	RootDefaults: []Member{{Name: "version", JSON: "1"}},
	Events: []Event{
		{Name: "beforeShellExecution", Verb: PreTool, Shape: Flat},
		{Name: "beforeMCPExecution", Verb: PreTool, Shape: Flat},
		{Name: "preToolUse", Verb: PreTool, Shape: Flat},
		{Name: "afterFileEdit", Verb: PostTool, Shape: Flat},
		{Name: "postToolUse", Verb: PostTool, Shape: Flat},
		{Name: "stop", Verb: Stop, Shape: Flat},
	},
	Markers:  []string{".cursor"},
	Binaries: []string{"cursor", "cursor-agent"},
	Notes: []string{
		"Cursor builds before 2.x fire only the before*/afterFileEdit/stop events; newer ones also fire preToolUse/postToolUse, so a shell call may be checked twice (same answer).",
		"add \"failClosed\": true to an entry yourself if a hook that cannot run should deny; dos answers every call explicitly, so it is safe with it.",
		"with third-party hooks enabled Cursor also runs the hooks in .claude/settings*.json.",
	},
}

package install

// claudeSpec wires Claude Code: .claude/settings.json, matcher groups with
// no matcher (every tool), timeouts in seconds.
var claudeSpec = Spec{
	Host:      ClaudeCode,
	Title:     "Claude Code",
	Project:   []string{".claude/settings.json", ".claude/settings.local.json"},
	User:      []string{".claude/settings.json"},
	Container: []string{"hooks"},
	Events: []Event{
		{Name: "PreToolUse", Verb: PreTool, Shape: Grouped},
		{Name: "PostToolUse", Verb: PostTool, Shape: Grouped},
		{Name: "Stop", Verb: Stop, Shape: Grouped},
		{Name: "SubagentStop", Verb: Stop, Shape: Grouped},
	},
	Type:        true,
	Timeout:     60,
	TimeoutUnit: "s",
	Markers:     []string{".claude"},
	Binaries:    []string{"claude"},
	Env:         []string{"CLAUDECODE"},
	Notes: []string{
		"Claude Code reads project settings in -p mode without a trust step; a refused call is denied before it runs, and a stop on an unverified claim is sent back once.",
	},
}

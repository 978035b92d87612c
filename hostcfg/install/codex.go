package install

// codexSpec wires Codex CLI. dos writes .codex/hooks.json (a file of its
// own, JSON like the other hosts) unless the layer already keeps its hooks
// in config.toml, in which case the hooks go there as a fenced block, so
// that each layer keeps one representation (Codex warns when a layer has
// both). No matcher: Codex names its shell tool Bash (exec_command) and its
// edit tool apply_patch, and the hook decides per tool, so a matcher could
// only lose calls.
var codexSpec = Spec{
	Host:        Codex,
	Title:       "Codex CLI",
	Project:     []string{".codex/hooks.json", ".codex/config.toml"},
	User:        []string{".codex/hooks.json", ".codex/config.toml"},
	Container:   []string{"hooks"},
	Events:      []Event{{Name: "PreToolUse", Verb: PreTool, Shape: Grouped}, {Name: "PostToolUse", Verb: PostTool, Shape: Grouped}, {Name: "Stop", Verb: Stop, Shape: Grouped}},
	Type:        true,
	Timeout:     60,
	TimeoutUnit: "s",
	Markers:     []string{".codex"},
	Binaries:    []string{"codex"},
	Notes: []string{
		"Codex runs these hooks only once they are trusted, and skips untrusted ones without a word. Trust the project (Codex's \"Trust this folder?\" prompt, or [projects.\"<dir>\"] trust_level = \"trusted\" in ~/.codex/config.toml), then start `codex` in it and accept the hooks in its review (/hooks, \"Trust all and continue\").",
		"non-interactively: `codex exec --dangerously-bypass-hook-trust ...` runs them without a review; a changed command (a new dos-hook path) needs a new review. `dos doctor --check` lists dos hooks Codex has no trust recorded for.",
	},
}

// codexEventLabel is the event name Codex uses in its hook-state keys.
func codexEventLabel(event string) (string, bool) {
	switch event {
	case "PreToolUse":
		return "pre_tool_use", true
	case "PostToolUse":
		return "post_tool_use", true
	case "Stop":
		return "stop", true
	}
	return "", false
}

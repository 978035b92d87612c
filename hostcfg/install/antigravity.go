package install

// antigravitySpec wires Antigravity (the agy CLI). Its hooks.json is an
// object of named hooks; dos's is named "dos". PreToolUse and PostToolUse
// hold matcher groups ("*" is the catch-all), Stop a flat list. The file is
// read as strict JSON and a fractional timeout drops the whole file, so the
// timeout is a whole number of seconds.
var antigravitySpec = Spec{
	Host:      Antigravity,
	Title:     "Antigravity",
	Project:   []string{".agents/hooks.json"},
	User:      []string{".gemini/config/hooks.json"},
	Container: []string{"dos"},
	Events: []Event{
		{Name: "PreToolUse", Verb: PreTool, Shape: Grouped, Matcher: "*"},
		{Name: "PostToolUse", Verb: PostTool, Shape: Grouped, Matcher: "*"},
		{Name: "Stop", Verb: Stop, Shape: Flat},
	},
	Type:        true,
	Timeout:     60,
	TimeoutUnit: "s",
	Markers:     []string{".agents"},
	Binaries:    []string{"agy"},
	Notes: []string{
		"which file agy reads depends on its version: reports on agy 1.1.x found the project file .agents/hooks.json read; agy 1.0.x and 1.2.x were found reading only the user file ~/.gemini/config/hooks.json (use --global); some builds read hooks only from plugins. Check `agy` loads them before relying on them.",
		"agy reads hooks.json as strict JSON: a comment or a trailing comma anywhere in the file makes it drop every hook in it.",
	},
}

package install

// geminiSpec wires Gemini CLI: .gemini/settings.json, matcher groups, and
// timeouts in milliseconds (Gemini's unit; 60000 is one minute).
var geminiSpec = Spec{
	Host:      Gemini,
	Title:     "Gemini CLI",
	Project:   []string{".gemini/settings.json"},
	User:      []string{".gemini/settings.json"},
	Container: []string{"hooks"},
	Events: []Event{
		{Name: "BeforeTool", Verb: PreTool, Shape: Grouped, Matcher: ".*"},
		{Name: "AfterTool", Verb: PostTool, Shape: Grouped, Matcher: ".*"},
		{Name: "AfterAgent", Verb: Stop, Shape: Grouped},
	},
	Type:        true,
	Timeout:     60000,
	TimeoutUnit: "ms",
	Markers:     []string{".gemini"},
	Binaries:    []string{"gemini"},
	Env:         []string{"GEMINI_CLI"},
	Notes: []string{
		"Gemini CLI loads project hooks only in a trusted folder (its trust prompt, or GEMINI_CLI_TRUST_WORKSPACE=true) and lists them in a warning on every run.",
	},
}

package hostcfg

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/dispatchos/dos/hostcfg/install"
	"github.com/dispatchos/dos/kernel/hook"
	"github.com/dispatchos/dos/kernel/tree"
)

func decodeOut(t *testing.T, b []byte) map[string]any {
	t.Helper()
	if b == nil {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("not a JSON object: %s", b)
	}
	return m
}

var moments = []hook.Moment{hook.MomentPre, hook.MomentPost, hook.MomentStop}

// The fields each host reads, spelled out by hand (host-contracts.md and
// the measured runs in ../shared/hosts/README.md §4), independent of the
// golden files.
func TestHostContracts(t *testing.T) {
	deny := hook.Decision{Action: hook.Deny, Reason: "R"}
	noReason := hook.Decision{Action: hook.Deny}
	warn := hook.Decision{Action: hook.Warn, Context: "C"}

	// Hooks decision 2: Codex gets nothing on allow, at every moment.
	for _, m := range moments {
		if b := codexHost.Render(m, hook.Allowed); b != nil {
			t.Errorf("codex allow at %v printed %s", m, b)
		}
		if b := codexHost.FailSafe(m); b != nil {
			t.Errorf("codex fail-safe at %v printed %s", m, b)
		}
	}
	// A Codex deny always carries permissionDecisionReason, or Codex
	// ignores it.
	for _, d := range []hook.Decision{deny, noReason} {
		hso := decodeOut(t, codexHost.Render(hook.MomentPre, d))["hookSpecificOutput"].(map[string]any)
		if hso["permissionDecision"] != "deny" || hso["permissionDecisionReason"] == "" || hso["permissionDecisionReason"] == nil {
			t.Errorf("codex deny %+v: %v", d, hso)
		}
	}
	// Stop: Claude Code and Codex read top-level decision "block" with a
	// reason; Codex allows only continue, decision, reason, stopReason,
	// suppressOutput and systemMessage there.
	allowedStop := map[string]bool{"continue": true, "decision": true, "reason": true, "stopReason": true, "suppressOutput": true, "systemMessage": true}
	for _, h := range []*Host{claudeHost, codexHost} {
		for _, d := range []hook.Decision{deny, noReason, warn} {
			out := decodeOut(t, h.Render(hook.MomentStop, d))
			for k := range out {
				if !allowedStop[k] {
					t.Errorf("%s stop %v has key %s", h.Name, d.Action, k)
				}
			}
			if d.Action == hook.Deny && (out["decision"] != "block" || out["reason"] == "") {
				t.Errorf("%s stop block: %v", h.Name, out)
			}
		}
	}
	// Gemini: a deny is decision "deny" with a reason at BeforeTool and at
	// AfterAgent; never continue:false, which ends the whole turn.
	for _, m := range moments {
		for _, d := range []hook.Decision{deny, warn, hook.Allowed} {
			out := decodeOut(t, geminiHost.Render(m, d))
			if _, ok := out["continue"]; ok {
				t.Errorf("gemini %v %v sets continue: %v", m, d.Action, out)
			}
			if d.Action == hook.Deny && (out["decision"] != "deny" || out["reason"] != "R") {
				t.Errorf("gemini deny at %v: %v", m, out)
			}
		}
	}
	// Hooks decision 9: Cursor is always answered, allow included.
	for _, m := range moments {
		if out := decodeOut(t, cursorHost.Render(m, hook.Allowed)); out["permission"] != "allow" {
			t.Errorf("cursor allow at %v: %v", m, out)
		}
		if out := decodeOut(t, cursorHost.FailSafe(m)); out["permission"] != "allow" {
			t.Errorf("cursor fail-safe at %v: %v", m, out)
		}
	}
	if out := decodeOut(t, cursorHost.FailSafe(hook.MomentNone)); out["permission"] != "allow" {
		t.Errorf("cursor fail-safe without a moment: %v", out)
	}
	if out := decodeOut(t, cursorHost.Render(hook.MomentPre, deny)); out["permission"] != "deny" || out["agent_message"] != "R" {
		t.Errorf("cursor deny: %v", out)
	}
	if out := decodeOut(t, cursorHost.Render(hook.MomentStop, deny)); out["followup_message"] != "R" {
		t.Errorf("cursor stop: %v", out)
	}
	// Antigravity: decision "deny" with a reason; a warning never says
	// "allow".
	if out := decodeOut(t, antigravityHost.Render(hook.MomentPre, deny)); out["decision"] != "deny" || out["reason"] != "R" {
		t.Errorf("antigravity deny: %v", out)
	}
	if out := decodeOut(t, antigravityHost.Render(hook.MomentPre, warn)); out["decision"] != nil {
		t.Errorf("antigravity warn: %v", out)
	}
	// No dialect ever rewrites the tool input (spec §0, P0).
	for _, h := range All() {
		for _, m := range moments {
			for _, d := range []hook.Decision{deny, warn, hook.Allowed} {
				if out := decodeOut(t, h.Render(m, d)); out != nil {
					if hso, ok := out["hookSpecificOutput"].(map[string]any); ok {
						if _, bad := hso["updatedInput"]; bad {
							t.Errorf("%s rewrites input", h.Name)
						}
					}
					if _, bad := out["updated_input"]; bad {
						t.Errorf("%s rewrites input", h.Name)
					}
				}
			}
		}
	}
}

func TestLookup(t *testing.T) {
	for name, want := range map[string]Name{"claude-code": ClaudeCode, "Claude": ClaudeCode, "claude-cowork": ClaudeCode,
		"codex": Codex, "gemini": Gemini, "cursor": Cursor, "antigravity": Antigravity, "agy": Antigravity} {
		if h, ok := Lookup(name); !ok || h.Name != want {
			t.Errorf("Lookup(%q)", name)
		}
	}
	if _, ok := Lookup("hermes"); ok {
		t.Error("unknown dialect found")
	}
	// Hooks decision 6: each host's settings file is in the protected list.
	want := []string{".claude/settings*.json", ".codex/config.toml", ".codex/hooks.json", ".gemini/settings.json", ".cursor/hooks.json", ".agents/hooks.json"}
	got := map[string]bool{}
	for _, f := range ProjectFiles() {
		got[f] = true
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("ProjectFiles lacks %s", w)
		}
	}
	if len(UserFiles()) == 0 {
		t.Error("no user files")
	}
	env := map[string]string{"CODEX_HOME": "/ch"}
	up := UserPaths("/h", func(k string) string { return env[k] })
	for _, w := range []string{"/h/.claude/settings*.json", "/h/.codex/config.toml", "/ch/config.toml", "/ch/hooks.json", "/h/.gemini/config/hooks.json"} {
		if !slices.Contains(up, w) {
			t.Errorf("UserPaths lacks %s: %q", w, up)
		}
	}
}

// Hooks decision 7: every file an installer writes or reads hooks from
// (hostcfg/install) is covered by the protected list here.
func TestInstallerFilesProtected(t *testing.T) {
	project, user := install.HookFiles()
	covered := func(f string, globs []string) bool {
		for _, g := range globs {
			if tree.MatchGlob(g, f) {
				return true
			}
		}
		return false
	}
	for _, f := range project {
		if !covered(f, ProjectFiles()) {
			t.Errorf("installer project file %s is not protected", f)
		}
	}
	for _, f := range user {
		if !covered(f, UserFiles()) {
			t.Errorf("installer user file %s is not protected", f)
		}
	}
}

// Hooks decision 1 and spec §2.1: each host's own event names are
// accepted for their moment, a result key at pretool is a mis-routed
// event, and another moment's event is refused.
func TestParseAcceptance(t *testing.T) {
	cases := []struct {
		host Name
		want hook.Moment
		raw  string
		ok   bool
	}{
		{ClaudeCode, hook.MomentPre, `{"hook_event_name":"PreToolUse","tool_name":"Read","tool_input":{}}`, true},
		{ClaudeCode, hook.MomentPre, `{"tool_name":"Read"}`, true},
		{ClaudeCode, hook.MomentPre, `{"hook_event_name":"PostToolUse","tool_name":"Read","tool_response":"x"}`, false},
		{ClaudeCode, hook.MomentPre, `{"tool_name":"Read","tool_response":"data"}`, false},
		{ClaudeCode, hook.MomentPre, `{"tool_name":"Read","tool_response":null}`, true},
		{ClaudeCode, hook.MomentPre, `{"hook_event_name":"PreToolUse"}`, false},
		{ClaudeCode, hook.MomentPre, `{"hook_event_name":"UserPromptSubmit","tool_name":"Read"}`, false},
		{ClaudeCode, hook.MomentStop, `{"hook_event_name":"SubagentStop"}`, true},
		{ClaudeCode, hook.MomentPre, `[]`, false},
		{ClaudeCode, hook.MomentPre, `{"tool_name":"Read"} trailing`, false},
		{Gemini, hook.MomentPre, `{"hook_event_name":"BeforeTool","tool_name":"write_file","tool_input":{"file_path":"a"}}`, true},
		{Gemini, hook.MomentStop, `{"hook_event_name":"AfterAgent","prompt_response":"x"}`, true},
		{Gemini, hook.MomentPre, `{"hook_event_name":"AfterAgent"}`, false},
		{Cursor, hook.MomentPre, `{"hook_event_name":"beforeShellExecution","command":"ls"}`, true},
		{Cursor, hook.MomentPre, `{"hook_event_name":"beforeShellExecution","command":""}`, false},
		{Cursor, hook.MomentStop, `{"hook_event_name":"stop","loop_count":0}`, true},
		{Cursor, hook.MomentPost, `{"hook_event_name":"afterFileEdit","file_path":"/a"}`, true},
		{Antigravity, hook.MomentPre, `{"toolCall":{"name":"run_command","args":{"CommandLine":"ls"}}}`, true},
		{Antigravity, hook.MomentPre, `{"hookEventName":"PreToolUse"}`, false},
		{Codex, hook.MomentPre, `{"hook_event_name":"PreToolUse","tool_name":"shell","tool_input":{"command":["bash","-lc","echo x > dos.toml"]}}`, true},
	}
	for _, c := range cases {
		h, _ := Lookup(string(c.host))
		if _, ok := h.Parse([]byte(c.raw), c.want); ok != c.ok {
			t.Errorf("%s %v %s: ok %v", c.host, c.want, c.raw, ok)
		}
	}
}

func TestNormalisedInputs(t *testing.T) {
	ev, _ := codexHost.Parse([]byte(`{"hook_event_name":"PreToolUse","tool_name":"shell","tool_input":{"command":["bash","-lc","echo x > dos.toml"]}}`), hook.MomentPre)
	if ev.Tool != hook.ToolBash || ev.InputString(hook.KeyCommand) != `bash -lc 'echo x > dos.toml'` {
		t.Errorf("codex argv: %+v", ev)
	}
	ev, _ = cursorHost.Parse([]byte(`{"hook_event_name":"beforeMCPExecution","tool_name":"fs_write","tool_input":"{\"path\":\"/r/a\"}","conversation_id":"c","workspace_roots":["/r"]}`), hook.MomentPre)
	if ev.InputString(hook.KeyPath) != "/r/a" || ev.SessionKey != "c" || ev.Cwd != "/r" {
		t.Errorf("cursor mcp: %+v", ev)
	}
	ev, _ = antigravityHost.Parse([]byte(`{"hookEventName":"PreToolUse","conversationId":"x","toolCall":{"name":"write_to_file","args":{"TargetFile":"/r/a","CodeContent":"z"}}}`), hook.MomentPre)
	if ev.Tool != hook.ToolWrite || ev.InputString(hook.KeyFilePath) != "/r/a" || ev.InputString("code_content") != "z" || ev.SessionKey != "x" {
		t.Errorf("antigravity: %+v", ev)
	}
	ev, _ = geminiHost.Parse([]byte(`{"hook_event_name":"BeforeTool","tool_name":"run_shell_command","tool_input":{"command":"touch a","directory":"sub"}}`), hook.MomentPre)
	if ev.Tool != hook.ToolBash || ev.InputString(hook.KeyCwd) != "sub" {
		t.Errorf("gemini directory: %+v", ev)
	}
	ev, _ = cursorHost.Parse([]byte(`{"hook_event_name":"stop","loop_count":1}`), hook.MomentStop)
	if !ev.StopHookActive {
		t.Error("cursor loop_count 1 is not an active stop hook")
	}
}

package hostcfg

import (
	"github.com/dispatchos/dos/internal/lazy"
	"github.com/dispatchos/dos/kernel/hook"
)

// Gemini CLI (0.61). Source: google-gemini/gemini-cli docs/hooks/reference.md,
// summarised in host-contracts.md §2.4; payloads captured from 0.61.0 in
// ../shared/hosts/fixtures/gemini.
//
// Events: BeforeTool, AfterTool, AfterAgent (its stop). Tools: read_file,
// write_file, replace, run_shell_command (with an optional directory),
// list_directory, glob, search_file_content, web_fetch, google_web_search,
// write_todos. AfterAgent sends prompt_response (on a retry: every answer
// so far) and stop_hook_active. Output: a tool is refused by
// {"decision":"deny","reason":R} and a stop by the same shape on
// AfterAgent, which makes Gemini retry with R (measured); never
// {"continue":false}, which ends the whole turn. A warning is
// hookSpecificOutput.additionalContext, which Gemini hands the agent only
// at AfterTool (appended to the tool's result); at BeforeTool it is
// dropped (measured), so a pre-tool warning is also a systemMessage (the
// user sees it) and posttool repeats it for the agent. Nothing on allow.
var geminiHost = &Host{
	Name:         Gemini,
	Aliases:      []string{"gemini-cli"},
	Parse:        func(raw []byte, want hook.Moment) (hook.Event, bool) { return geminiShape.Get().parse(raw, want) },
	Render:       geminiRender,
	ProjectFiles: []string{".gemini/settings.json"},
	UserFiles:    []string{".gemini/settings.json"},
	// BeforeTool hands the agent no additionalContext (0.61, measured):
	// the user sees a pre-tool warning as a systemMessage at once, and
	// the agent gets it from AfterTool.
	PreWarnAfterTool: true,
}

// geminiShape is built on first use (a hook process parses one host).
var geminiShape = lazy.Value[ccShape]{New: func() ccShape {
	return ccShape{
		events: map[string]hook.Moment{"BeforeTool": hook.MomentPre, "AfterTool": hook.MomentPost, "AfterAgent": hook.MomentStop},
		tools: map[string]hook.Tool{
			"read_file": hook.ToolRead, "read_many_files": hook.ToolRead, "write_file": hook.ToolWrite,
			"replace": hook.ToolEdit, "edit": hook.ToolEdit, "run_shell_command": hook.ToolBash,
			"list_directory": hook.ToolLS, "ls": hook.ToolLS, "glob": hook.ToolGlob,
			"search_file_content": hook.ToolGrep, "grep": hook.ToolGrep, "grep_search": hook.ToolGrep,
			"web_fetch": hook.ToolWebFetch, "google_web_search": hook.ToolWebSearch, "write_todos": hook.ToolTodoWrite,
		},
		keys:        map[string]string{"absolute_path": hook.KeyFilePath, "directory": hook.KeyCwd, "dir_path": hook.KeyPath},
		lastMessage: []string{"prompt_response"},
	}
}}

func geminiRender(m hook.Moment, d hook.Decision) []byte {
	if d.Action == hook.Allow {
		return nil
	}
	if d.Action == hook.Deny {
		return marshal(map[string]any{"decision": "deny", "reason": joined(d)})
	}
	switch m {
	case hook.MomentPre:
		return marshal(map[string]any{"systemMessage": context(d), "hookSpecificOutput": map[string]any{"hookEventName": "BeforeTool", "additionalContext": context(d)}})
	case hook.MomentPost:
		return marshal(map[string]any{"hookSpecificOutput": map[string]any{"hookEventName": "AfterTool", "additionalContext": context(d)}})
	case hook.MomentStop:
		return marshal(map[string]any{"systemMessage": context(d)})
	}
	return nil
}

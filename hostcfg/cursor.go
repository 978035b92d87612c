package hostcfg

import (
	"strings"

	"github.com/dispatchos/dos/internal/lazy"
	"github.com/dispatchos/dos/kernel/hook"
)

// Cursor (1.7 to 2.x). Sources: cursor.com/docs/agent/hooks (through
// johnlindquist/cursor-hooks README), the "Cursor IDE Hooks: Exhaustive
// Technical Reference", cupcake.eqtylab.io harness notes and skillsaw's
// cursor-hooks-valid rule, summarised in host-contracts.md §2.3. No
// payload was captured from a real Cursor; testdata/cursor/input holds
// payloads transcribed from that section.
//
// Every payload carries conversation_id (our session key), generation_id,
// hook_event_name and workspace_roots. Events:
//
//	beforeShellExecution  command, cwd                   -> pretool, Bash
//	beforeMCPExecution    tool_name, tool_input (a JSON  -> pretool
//	                      string), url or command
//	beforeReadFile        file_path, content              -> pretool, Read
//	preToolUse (2.x)      tool_name, tool_input           -> pretool
//	afterShellExecution   command, output                 -> posttool, Bash
//	afterMCPExecution     tool_name, tool_input, result_json -> posttool
//	afterFileEdit         file_path, edits[]              -> posttool, Edit
//	postToolUse (2.x)     tool_name, tool_input, tool_output -> posttool
//	stop                  status, loop_count              -> stop
//
// Output: {"permission":"allow"|"deny","user_message","agent_message"}.
// Under failClosed an empty answer is a deny, so every path, the
// fail-safe ones included, prints an explicit {"permission":"allow"}. A
// stop is held by {"followup_message":R}, which Cursor submits as the
// next user message; loop_count > 0 means this stop follows one of those,
// so it is let through (the stop_hook_active of the other hosts).
var cursorHost = &Host{
	Name:         Cursor,
	Parse:        parseCursor,
	Render:       renderCursor,
	ProjectFiles: []string{".cursor/hooks.json"},
	UserFiles:    []string{".cursor/hooks.json"},
}

var cursorEvents = lazy.Value[map[string]hook.Moment]{New: func() map[string]hook.Moment {
	return map[string]hook.Moment{
		"beforeShellExecution": hook.MomentPre, "beforeMCPExecution": hook.MomentPre,
		"beforeReadFile": hook.MomentPre, "preToolUse": hook.MomentPre,
		"afterShellExecution": hook.MomentPost, "afterMCPExecution": hook.MomentPost,
		"afterFileEdit": hook.MomentPost, "postToolUse": hook.MomentPost,
		"stop": hook.MomentStop,
	}
}}

// cursorTools maps Cursor 2.x preToolUse names to ours.
var cursorTools = lazy.Value[map[string]hook.Tool]{New: func() map[string]hook.Tool {
	return map[string]hook.Tool{
		"Shell": hook.ToolBash, "Terminal": hook.ToolBash, "run_terminal_cmd": hook.ToolBash,
		"Read": hook.ToolRead, "read_file": hook.ToolRead, "Write": hook.ToolWrite, "write": hook.ToolWrite,
		"Edit": hook.ToolEdit, "edit_file": hook.ToolEdit, "search_replace": hook.ToolEdit,
		"Delete": hook.ToolDelete, "delete_file": hook.ToolDelete,
		"Grep": hook.ToolGrep, "grep": hook.ToolGrep, "Glob": hook.ToolGlob, "LS": hook.ToolLS, "list_dir": hook.ToolLS,
	}
}}

var cursorKeys = lazy.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{"target_file": hook.KeyFilePath, "filePath": hook.KeyFilePath, "workingDirectory": hook.KeyCwd}
}}

func parseCursor(raw []byte, want hook.Moment) (hook.Event, bool) {
	m, ok := decodeObject(raw)
	if !ok {
		return hook.Event{}, false
	}
	name := str(m, "hook_event_name")
	moment, ok := accept(name, cursorEvents.Get(), want)
	if !ok {
		return hook.Event{}, false
	}
	ev := hook.Event{Moment: moment, HostEvent: name,
		SessionKey:     firstStr(m, "conversation_id", "session_id"),
		TranscriptPath: str(m, "transcript_path"),
		Cwd:            str(m, "cwd")}
	if ev.Cwd == "" {
		if roots, ok := m["workspace_roots"].([]any); ok && len(roots) > 0 {
			ev.Cwd, _ = roots[0].(string)
		}
	}
	switch name {
	case "beforeShellExecution", "afterShellExecution":
		cmd := str(m, "command")
		if strings.TrimSpace(cmd) == "" {
			return hook.Event{}, false
		}
		ev.Tool, ev.HostTool = hook.ToolBash, "Shell"
		ev.Input = map[string]any{hook.KeyCommand: cmd}
		ev.Result, ev.HasResult = result(m, "output")
	case "beforeReadFile":
		ev.Tool, ev.HostTool = hook.ToolRead, "Read"
		ev.Input = map[string]any{hook.KeyFilePath: str(m, "file_path")}
	case "afterFileEdit":
		p := str(m, "file_path")
		if p == "" {
			return hook.Event{}, false
		}
		ev.Tool, ev.HostTool = hook.ToolEdit, "Edit"
		ev.Input = map[string]any{hook.KeyFilePath: p}
		ev.Result, ev.HasResult = result(m, "edits")
	case "stop":
		ev.StopHookActive = truthy(m["loop_count"]) || truthy(m["stop_hook_active"])
		if s, ok := m["last_assistant_message"].(string); ok {
			ev.LastMessage, ev.HasLastMessage = s, true
		}
	default:
		if moment == hook.MomentStop {
			ev.StopHookActive = truthy(m["stop_hook_active"]) || truthy(m["loop_count"])
			break
		}
		tool := str(m, "tool_name")
		if strings.TrimSpace(tool) == "" {
			return hook.Event{}, false
		}
		ev.HostTool, ev.Tool = tool, mapTool(cursorTools.Get(), tool)
		ev.Input = renameKeys(object(m["tool_input"]), cursorKeys.Get())
		if moment == hook.MomentPre {
			if _, has := result(m, "tool_output", "result_json", "tool_response"); has {
				return hook.Event{}, false
			}
		} else {
			ev.Result, ev.HasResult = result(m, "tool_output", "result_json", "tool_response")
		}
	}
	if ev.Input == nil && moment != hook.MomentStop {
		ev.Input = map[string]any{}
	}
	return ev, true
}

func renderCursor(m hook.Moment, d hook.Decision) []byte {
	switch {
	case d.Action == hook.Deny && m == hook.MomentStop:
		return marshal(map[string]any{"followup_message": reason(d)})
	case d.Action == hook.Deny:
		return marshal(map[string]any{"permission": "deny", "user_message": reason(d), "agent_message": joined(d)})
	case d.Action == hook.Warn:
		return marshal(map[string]any{"permission": "allow", "agent_message": context(d)})
	}
	return marshal(map[string]any{"permission": "allow"})
}

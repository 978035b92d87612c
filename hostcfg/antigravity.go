package hostcfg

import (
	"strings"
	"unicode"

	"github.com/dispatchos/dos/internal/lazy"
	"github.com/dispatchos/dos/kernel/hook"
)

// Antigravity (the agy CLI). No first-party reference exists; the sources
// are cisco-ai-defense/defenseclaw's antigravity_hook_profile.go (the
// payload), websentry-ai/setup PR #104 (a verified deny) and skillsaw's
// rule docs, summarised in host-contracts.md §2.5. No payload was captured
// here; testdata/antigravity/input holds payloads transcribed from that
// section. Unverified, and read in both spellings: the PostToolUse result
// key and the Stop fields (agy 1.0.5 ran only the tool events).
//
// Payload: {"hookEventName":"PreToolUse","toolCall":{"name":"run_command",
// "args":{"CommandLine":"...","Cwd":"..."}},"conversationId":"...",
// "stepIdx":21,"transcriptPath":"...","workspacePaths":["..."]}; agy
// 1.0.0/1.0.1 sent no hookEventName. Argument keys are PascalCase:
// CommandLine, Cwd, TargetFile, AbsolutePath. Output: a deny is
// {"decision":"deny","reason":R}; a warning {"reason":C} (no decision,
// so it can never approve anything); nothing on allow.
var antigravityHost = &Host{
	Name:         Antigravity,
	Aliases:      []string{"agy"},
	Parse:        parseAntigravity,
	Render:       renderAntigravity,
	ProjectFiles: []string{".agents/hooks.json", ".agent/hooks.json", "_agents/hooks.json", ".antigravitycli/hooks.json"},
	UserFiles:    []string{".gemini/config/hooks.json", ".gemini/antigravity-cli/hooks.json", ".gemini/hooks.json"},
}

var antigravityEvents = lazy.Value[map[string]hook.Moment]{New: func() map[string]hook.Moment {
	return map[string]hook.Moment{"PreToolUse": hook.MomentPre, "PostToolUse": hook.MomentPost, "Stop": hook.MomentStop}
}}

var antigravityTools = lazy.Value[map[string]hook.Tool]{New: func() map[string]hook.Tool {
	return map[string]hook.Tool{
		"run_command": hook.ToolBash, "write_to_file": hook.ToolWrite, "replace_file_content": hook.ToolEdit,
		"multi_replace_file_content": hook.ToolMultiEdit, "view_file": hook.ToolRead, "view_file_outline": hook.ToolRead,
		"view_code_item": hook.ToolRead, "list_dir": hook.ToolLS, "grep_search": hook.ToolGrep, "codebase_search": hook.ToolGrep,
		"find_by_name": hook.ToolGlob, "read_url_content": hook.ToolWebFetch, "search_web": hook.ToolWebSearch,
	}
}}

// antigravityKeys maps the argument keys the deciders read; any other key
// is kept in snake_case.
var antigravityKeys = lazy.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{
		"CommandLine": hook.KeyCommand, "Cwd": hook.KeyCwd, "TargetFile": hook.KeyFilePath,
		"AbsolutePath": hook.KeyFilePath, "File": hook.KeyFilePath, "DirectoryPath": hook.KeyPath, "SearchPath": hook.KeyPath,
	}
}}

func parseAntigravity(raw []byte, want hook.Moment) (hook.Event, bool) {
	m, ok := decodeObject(raw)
	if !ok {
		return hook.Event{}, false
	}
	name := firstStr(m, "hookEventName", "hook_event_name")
	moment, ok := accept(name, antigravityEvents.Get(), want)
	if !ok {
		return hook.Event{}, false
	}
	ev := hook.Event{Moment: moment, HostEvent: name,
		SessionKey:     firstStr(m, "conversationId", "conversation_id", "sessionId", "session_id"),
		TranscriptPath: firstStr(m, "transcriptPath", "transcript_path"),
		Cwd:            firstStr(m, "cwd")}
	if ev.Cwd == "" {
		if roots, ok := m["workspacePaths"].([]any); ok && len(roots) > 0 {
			ev.Cwd, _ = roots[0].(string)
		}
	}
	switch moment {
	case hook.MomentStop:
		ev.StopHookActive = truthy(m["stopHookActive"]) || truthy(m["stop_hook_active"])
		for _, k := range []string{"lastAssistantMessage", "last_assistant_message", "response"} {
			if s, ok := m[k].(string); ok {
				ev.LastMessage, ev.HasLastMessage = s, true
				break
			}
		}
		return ev, true
	}
	call, _ := m["toolCall"].(map[string]any)
	if call == nil {
		return hook.Event{}, false
	}
	tool := str(call, "name")
	if strings.TrimSpace(tool) == "" {
		return hook.Event{}, false
	}
	ev.HostTool, ev.Tool = tool, mapTool(antigravityTools.Get(), tool)
	args := object(call["args"])
	ev.Input = make(map[string]any, len(args))
	for k, v := range args {
		to, ok := antigravityKeys.Get()[k]
		if !ok {
			to = snake(k)
		}
		if _, taken := ev.Input[to]; !taken || ok {
			ev.Input[to] = v
		}
	}
	res, has := result(call, "result", "output")
	if !has {
		res, has = result(m, "toolResult", "toolOutput", "tool_response")
	}
	if moment == hook.MomentPre && has {
		return hook.Event{}, false
	}
	if moment == hook.MomentPost {
		ev.Result, ev.HasResult = res, has
	}
	return ev, true
}

// snake turns PascalCase or camelCase into snake_case.
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func renderAntigravity(m hook.Moment, d hook.Decision) []byte {
	switch d.Action {
	case hook.Deny:
		return marshal(map[string]any{"decision": "deny", "reason": joined(d)})
	case hook.Warn:
		return marshal(map[string]any{"reason": context(d)})
	}
	return nil
}

package hostcfg

import (
	"strings"

	"github.com/dispatchos/dos/kernel/hook"
)

// ccShape is the payload family Claude Code set and Codex and Gemini CLI
// follow: snake_case keys session_id, cwd, transcript_path,
// hook_event_name, tool_name, tool_input, tool_response and, at stop,
// stop_hook_active plus the inline last message.
type ccShape struct {
	// events maps the host's event names to moments.
	events map[string]hook.Moment
	// tools maps the host's tool names to ours; an unlisted tool keeps
	// its own name.
	tools map[string]hook.Tool
	// keys renames tool input keys to ours (absolute_path -> file_path).
	keys map[string]string
	// lastMessage are the keys that may hold the agent's final answer.
	lastMessage []string
	// fix adjusts a parsed tool event (Codex's argv commands).
	fix func(ev *hook.Event)
}

func (s ccShape) parse(raw []byte, want hook.Moment) (hook.Event, bool) {
	m, ok := decodeObject(raw)
	if !ok {
		return hook.Event{}, false
	}
	name := str(m, "hook_event_name")
	moment, ok := accept(name, s.events, want)
	if !ok {
		return hook.Event{}, false
	}
	ev := hook.Event{Moment: moment, HostEvent: name, SessionKey: str(m, "session_id"),
		Cwd: str(m, "cwd"), TranscriptPath: str(m, "transcript_path")}
	switch moment {
	case hook.MomentPre, hook.MomentPost:
		tool := str(m, "tool_name")
		if strings.TrimSpace(tool) == "" {
			return hook.Event{}, false
		}
		res, has := result(m, "tool_response", "tool_output")
		if moment == hook.MomentPre && has {
			return hook.Event{}, false
		}
		ev.HostTool, ev.Tool = tool, mapTool(s.tools, tool)
		ev.Input = renameKeys(object(m["tool_input"]), s.keys)
		if moment == hook.MomentPost {
			ev.Result, ev.HasResult = res, has
		}
		if s.fix != nil {
			s.fix(&ev)
		}
	case hook.MomentStop:
		ev.StopHookActive = truthy(m["stop_hook_active"])
		for _, k := range s.lastMessage {
			if v, ok := m[k].(string); ok {
				ev.LastMessage, ev.HasLastMessage = v, true
				break
			}
		}
	}
	return ev, true
}

func mapTool(tools map[string]hook.Tool, name string) hook.Tool {
	if t, ok := tools[name]; ok {
		return t
	}
	return hook.Tool(name)
}

// renameKeys returns in with keys renamed; a key already present in our
// spelling wins.
func renameKeys(in map[string]any, keys map[string]string) map[string]any {
	if len(keys) == 0 {
		return in
	}
	out := make(map[string]any, len(in))
	for k, v := range in {
		if to, ok := keys[k]; ok {
			if _, taken := in[to]; !taken {
				out[to] = v
				continue
			}
		}
		out[k] = v
	}
	return out
}

// ccRender is the Claude Code output family: hookSpecificOutput for the
// tool moments, {"decision":"block","reason":R} at stop. Codex reads the
// same shapes.
func ccRender(m hook.Moment, d hook.Decision) []byte {
	if d.Action == hook.Allow {
		return nil
	}
	switch m {
	case hook.MomentPre:
		hso := map[string]any{"hookEventName": "PreToolUse"}
		if d.Action == hook.Deny {
			hso["permissionDecision"] = "deny"
			hso["permissionDecisionReason"] = reason(d)
			if e := extra(d); e != "" {
				hso["additionalContext"] = e
			}
		} else {
			hso["additionalContext"] = context(d)
		}
		return marshal(map[string]any{"hookSpecificOutput": hso})
	case hook.MomentPost:
		out := map[string]any{"hookSpecificOutput": map[string]any{"hookEventName": "PostToolUse", "additionalContext": context(d)}}
		if d.Action == hook.Deny {
			out["decision"], out["reason"] = "block", reason(d)
		}
		return marshal(out)
	case hook.MomentStop:
		if d.Action == hook.Deny {
			return marshal(map[string]any{"decision": "block", "reason": reason(d)})
		}
		return marshal(map[string]any{"systemMessage": context(d)})
	}
	return nil
}

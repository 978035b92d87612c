package hostcfg

import (
	"github.com/dispatchos/dos/internal/lazy"
	"github.com/dispatchos/dos/kernel/hook"
)

// Codex CLI (0.171). Sources: openai/codex codex-rs/hooks (output_parser.rs,
// pre_tool_use.rs), developers.openai.com/codex/hooks, summarised in
// host-contracts.md §2.2; payloads captured from 0.171.0 in
// ../shared/hosts/fixtures/codex.
//
// Events: PreToolUse, PostToolUse, Stop. The shell tool arrives as "Bash"
// with tool_input.command (older builds: an argv array, or the tool names
// exec_command / shell / local_shell); a file edit arrives as
// "apply_patch" with the patch text in tool_input.command, whose
// "*** Update File:" lines name the files. Output is parsed strictly
// (unknown keys or permissionDecision "allow" without updatedInput make
// the hook fail and the tool run): nothing is printed on allow, a deny
// always carries a non-empty permissionDecisionReason (without one Codex
// ignores it, measured), and Stop gets only its allowed keys:
// {"decision":"block","reason":R}.
var codexHost = &Host{
	Name:         Codex,
	Aliases:      []string{"codex-cli"},
	Parse:        func(raw []byte, want hook.Moment) (hook.Event, bool) { return codexShape.Get().parse(raw, want) },
	Render:       ccRender,
	ProjectFiles: []string{".codex/config.toml", ".codex/hooks.json"},
	UserFiles:    []string{".codex/config.toml", ".codex/hooks.json"},
	HomeEnv:      "CODEX_HOME",
	UserDir:      ".codex",
}

// codexShape is built on first use (a hook process parses one host).
var codexShape = lazy.Value[ccShape]{New: func() ccShape {
	return ccShape{
		events: map[string]hook.Moment{"PreToolUse": hook.MomentPre, "PostToolUse": hook.MomentPost, "Stop": hook.MomentStop},
		tools: map[string]hook.Tool{
			"apply_patch": hook.ToolApplyPatch, "exec_command": hook.ToolBash, "shell": hook.ToolBash,
			"local_shell": hook.ToolBash, "container.exec": hook.ToolBash,
		},
		keys:        map[string]string{"patch": hook.KeyCommand, "input": hook.KeyCommand, "cmd": hook.KeyCommand, "workdir": hook.KeyCwd},
		lastMessage: []string{"last_assistant_message"},
		fix: func(ev *hook.Event) {
			if ev.Tool == hook.ToolBash || ev.Tool == hook.ToolApplyPatch {
				if c, ok := ev.Input[hook.KeyCommand]; ok {
					if _, isStr := c.(string); !isStr {
						in := make(map[string]any, len(ev.Input))
						for k, v := range ev.Input {
							in[k] = v
						}
						in[hook.KeyCommand] = shellJoin(c)
						ev.Input = in
					}
				}
			}
		},
	}
}}

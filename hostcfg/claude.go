package hostcfg

import (
	"github.com/dispatchos/dos/internal/lazy"
	"github.com/dispatchos/dos/kernel/hook"
)

// Claude Code (2.1.x). Sources: code.claude.com/docs/en/hooks, summarised
// in host-contracts.md §2.1; payloads captured from 2.1.197 in
// ../shared/hosts/fixtures/claude (testdata/claude/input here).
//
// Events: PreToolUse, PostToolUse, Stop and SubagentStop. Tool names are
// our vocabulary already. Stop carries last_assistant_message and
// stop_hook_active. Output: a deny is
// hookSpecificOutput.permissionDecision "deny" with
// permissionDecisionReason; a warning is hookSpecificOutput.
// additionalContext; a stop is blocked by {"decision":"block","reason":R}
// (the pre-tool shape is ignored at Stop, measured). Nothing on allow.
var claudeHost = &Host{
	Name:    ClaudeCode,
	Aliases: []string{"claude", "claude-cowork", "cc"},
	Parse:   func(raw []byte, want hook.Moment) (hook.Event, bool) { return claudeShape.Get().parse(raw, want) },
	Render:  ccRender,
	// settings.local.json and any other settings*.json can hold hooks or
	// disableAllHooks.
	ProjectFiles: []string{".claude/settings*.json"},
	UserFiles:    []string{".claude/settings*.json"},
}

// claudeShape is built on first use (a hook process parses one host).
var claudeShape = lazy.Value[ccShape]{New: func() ccShape {
	return ccShape{
		events: map[string]hook.Moment{
			"PreToolUse": hook.MomentPre, "PostToolUse": hook.MomentPost,
			"Stop": hook.MomentStop, "SubagentStop": hook.MomentStop,
		},
		lastMessage: []string{"last_assistant_message"},
	}
}}

// Package hostcfg holds the host dialects: for each agent host dos hooks
// into (Claude Code, Codex CLI, Gemini CLI, Cursor, Antigravity), a
// normaliser from the host's own hook payload to one kernel/hook.Event and
// a renderer from a kernel/hook.Decision to exactly the payload that host
// reads, for allow, warn and deny at each moment.
//
// It is pure: parse and render only, no files. One file per host holds
// its event names, tool vocabulary, payload keys and output shapes, with
// the source each was taken from (../shared/spec/host-contracts.md and the
// payloads captured from the real hosts in ../shared/hosts/fixtures). The
// hook and settings files each host reads are listed here too, so the
// pretool hook can protect them from agent writes.
//
// What the hosts were measured to need: Claude Code and Codex block a stop
// with {"decision":"block","reason":R}; Codex ignores a pre-tool deny
// without permissionDecisionReason and rejects unknown keys, so nothing is
// printed on allow; Gemini CLI refuses a call with {"decision":"deny"}
// (continue:false would end the whole turn) and a stop on AfterAgent with
// the same shape; Cursor is always answered explicitly, because under
// failClosed an empty answer is a deny; Antigravity sends camelCase
// payloads with PascalCase tool arguments.
package hostcfg

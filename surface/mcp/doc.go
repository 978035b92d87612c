// Package mcp serves the syscall registry to MCP hosts (Claude Code and
// Desktop, Cursor, Codex, Gemini CLI, VS Code, ...) over stdio.
//
// It is a thin adapter, like surface/cli: every syscall whose [call.Def]
// carries the [call.MCP] surface becomes one tool, named by
// [call.Def.ToolName], with the registry's input schema, an output schema
// inferred from the result type, annotations read from [call.Def.Class],
// and the Def's own help as its description. A call decodes its arguments
// with [call.Def.DecodeJSON] (the same checks and wording as the CLI), runs
// the one handler every surface shares in a fresh [call.Env], and answers
// with the same JSON object `dos <verb> --json --explain` prints as
// structured content. No tool has code of its own here, so a syscall
// registered later is served without touching this package.
//
// What the package decides, and nothing else: which tools a server offers
// (toolsets, --read-only), how long a call may take (a typed STALLED answer
// past the deadline), how an answer or an error is laid out for a host,
// and the resources and prompts, which read the same Defs the tools run.
// It never writes to stdout except protocol frames, and logs to stderr.
package mcp

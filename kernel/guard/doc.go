// Package guard plans a framed launch of a headless agent host (Claude
// Code's command line): which MCP server config, hook settings and
// system-prompt flag to add after the user's own arguments. It returns
// the argv; it starts nothing and looks nothing up (the caller brings the
// paths of dos-mcp and the stop hook's command).
package guard

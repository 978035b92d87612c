package cli

import (
	"github.com/spf13/cobra"

	"github.com/dispatchos/dos/surface/hook"
)

// newHookCommand serves the hook verbs from the same code as the dos-hook
// binary, so an installer may wire either. A hook never breaks a turn, so
// its command line is read by the hook itself (unknown flags are ignored)
// rather than by cobra.
func newHookCommand(stdio IO) *cobra.Command {
	return &cobra.Command{
		Use:   "hook {pretool | posttool | stop | marker} [--dialect HOST] [--workspace DIR]",
		Short: "Answer an agent host's hook: refuse a bad tool call or an unverified stop",
		Long: `USE THIS WHEN: an agent host (Claude Code, Codex CLI, Gemini CLI, Cursor,
Antigravity) calls dos before a tool runs, after it ran, or when the agent
wants to stop. 'dos init --hooks <host>' wires this for you.

hook reads the host's own event on stdin and prints exactly the payload that
host reads: pretool denies a write to a protected file (dos.toml, .dos/, the
verify index, the hook and settings files) in every mode and a write into a
lane another agent holds in loop mode (DOS_LOOP=1; an operator is warned);
posttool flags a tool stream that repeats itself; stop refuses, once, to let
the agent stop on a "DOS-CLAIM: PLAN PHASE" that git does not back (and on
plain words such as "AUTH1 is done." in strict mode: stop --strict, or
[hooks] strict_stop = true in dos.toml for every host at once). The dos-hook
binary serves the same decisions faster; this verb is its fallback.

A hook never breaks a turn: bad flags, bad input, a missing workspace or a
fault end with exit 0 and no output (Cursor: an explicit allow).`,
		Example: `  echo '{"hook_event_name":"PreToolUse","tool_name":"Write","tool_input":{"file_path":"dos.toml"}}' \
    | dos hook pretool --dialect claude-code`,
		DisableFlagParsing: true,
		RunE: func(c *cobra.Command, args []string) error {
			if code := hook.Main(args, stdio.In, stdio.Out, stdio.Err); code != 0 {
				return &exitError{code: code}
			}
			return nil
		},
	}
}

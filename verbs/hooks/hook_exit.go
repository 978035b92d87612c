package hooks

import (
	"context"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/hookexit"
)

// HookExitArgs are the arguments of hook-exit.
type HookExitArgs struct {
	Code int    `name:"code" required:"true" help:"the exit code the script returned"`
	Map  string `name:"map" help:"CODE=VERB entries, comma-separated, merged over the default 2=BLOCK; VERB is OBSERVE, WARN, BLOCK or DEFER"`
}

// HookExitResult is hook-exit's answer.
type HookExitResult struct {
	// Code is the exit code asked about.
	Code int `json:"code"`
	// Intervention is the verb; null for PASS.
	Intervention *string `json:"intervention"`
	// Matched reports whether a map entry decided it.
	Matched bool `json:"matched"`
	// Reason says why.
	Reason string `json:"reason"`
}

// HookExit maps a plain script's exit code to an intervention.
var HookExit = call.Def{
	Path:  "hook-exit",
	Short: "Which intervention does a hook script's exit code mean?",
	Long: `USE THIS WHEN: a plain script serves as a host hook or a CI gate and you need
its exit code turned into one intervention a supervisor can act on.

hook-exit maps --code through the map: an entry for the code decides; an
unmapped 0 is PASS; any other unmapped code is WARN. The default map is 2=BLOCK
(the convention of Claude Code's command hooks); --map entries are merged over
it ("--map 1=DEFER,3=OBSERVE"; verbs in any case). A malformed entry is bad
input (exit 2).

The exit code is the answer: PASS 0, BLOCK 3, WARN 4, DEFER 5, OBSERVE 6.

Unlike the Python reference, an entry for 0 is honoured, as its docs promised:
--map 0=OBSERVE turns a clean exit into OBSERVE (the reference answered PASS
whatever the map said). The dos.toml [hook_exit] table those docs mention is
not read; pass the map with --map.`,
	Example: `  $ dos hook-exit --code 2
  BLOCK  exit 2 → BLOCK (mapped)

  $ dos hook-exit --code 1 --map 1=DEFER --json
  $ ./check.sh; dos hook-exit --code $? --map 0=OBSERVE`,
	Toolset:     call.Admission,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	Verdicts:    []*call.Verdict{&Pass, &Block, &Warn, &Defer, &Observe},
	NoWorkspace: true,
	Handler: &call.Typed[HookExitArgs, HookExitResult]{Fn: func(ctx context.Context, env *call.Env, a *HookExitArgs) (*call.Reply[HookExitResult], error) {
		m, err := hookexit.ParseMap(a.Map, hookexit.DefaultMap())
		if err != nil {
			return nil, &call.UsageError{Msg: err.Error()}
		}
		d := hookexit.Decide(a.Code, m)
		body := HookExitResult{Code: d.Code, Matched: d.Matched, Reason: d.Reason}
		verdict := map[hookexit.Verb]call.Verdict{
			hookexit.Pass: Pass, hookexit.Block: Block, hookexit.Warn: Warn, hookexit.Defer: Defer, hookexit.Observe: Observe,
		}[d.Intervention]
		if d.Intervention != hookexit.Pass {
			s := string(d.Intervention)
			body.Intervention = &s
		}
		return &call.Reply[HookExitResult]{Verdict: verdict, Text: string(d.Intervention) + "  " + d.Reason, Body: body,
			Interpretation: gloss(d.Intervention)}, nil
	}},
}

// gloss is the one-line interpretation of each intervention.
func gloss(v hookexit.Verb) string {
	switch v {
	case hookexit.Pass:
		return "PASS — the script passed; let the action go ahead."
	case hookexit.Block:
		return "BLOCK — the script refuses the action; do not go ahead."
	case hookexit.Warn:
		return "WARN — the script failed in a way not mapped to a refusal; go ahead, and surface the warning."
	case hookexit.Defer:
		return "DEFER — the script asks for a decision it cannot make; hold the action for a person."
	case hookexit.Observe:
		return "OBSERVE — record the result; it changes nothing."
	}
	return ""
}

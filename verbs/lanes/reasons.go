package lanes

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/reasons"
	"github.com/dispatchos/dos/workspace"
)

// ReasonsArgs takes nothing.
type ReasonsArgs struct{}

// ReasonsResult is reasons's answer: the workspace's state root and its
// registry, built-ins first.
type ReasonsResult struct {
	Workspace string         `json:"workspace"`
	Count     int            `json:"count"`
	Reasons   []reasons.Spec `json:"reasons"`
}

// Reasons lists the workspace's refusal vocabulary.
var Reasons = call.Def{
	Path:  "reasons",
	Tool:  "dos_refuse_reasons",
	Short: "List the refusal reasons a refusal may carry in this workspace",
	Long: `USE THIS WHEN: an agent must refuse or park work and has to pick a reason_class
token that this workspace recognises.

Which reason_class tokens may a refusal carry here? reasons lists the one
registry: dos's built-in reasons, then those dos.toml declares under
[reasons.<TOKEN>], each with its category, whether it refuses (or is advisory
only), a summary and a fix. A token not in this list is UNCLASSIFIED and is
treated as a refusal; check one with dos check-reason TOKEN.`,
	Example:  "  dos reasons\n  dos reasons --json",
	Toolset:  call.Core,
	Class:    call.ReadOnly,
	Surfaces: call.CLI | call.MCP,
	Handler: &call.Typed[ReasonsArgs, ReasonsResult]{Fn: func(ctx context.Context, env *call.Env, _ *ReasonsArgs) (*call.Reply[ReasonsResult], error) {
		ws, err := env.Workspace()
		if err != nil {
			return nil, err
		}
		reg := reasonRegistry(env, ws)
		all := reg.All()
		for i := range all {
			if all[i].SeeAlso == nil {
				all[i].SeeAlso = []string{}
			}
		}
		var b strings.Builder
		for _, s := range all {
			flag := ""
			if !s.Refusal {
				flag = ", advisory-only"
			}
			fmt.Fprintf(&b, "%-42s %s%s\n", s.Token, s.Category, flag)
		}
		return &call.Reply[ReasonsResult]{
			Text: strings.TrimRight(b.String(), "\n"),
			Body: ReasonsResult{Workspace: ws.StateRoot, Count: len(all), Reasons: all},
		}, nil
	}},
}

// reasonRegistry builds the workspace's registry: the built-ins, the
// reasons dos.toml declares (sorted by token) and its morphology rules.
// A declared reason that clashes with a built-in is dropped with a warning;
// a bad morphology list falls back to the built-in rules; neither ever
// drops the other declared reasons.
func reasonRegistry(env *call.Env, ws *workspace.Workspace) *reasons.Registry {
	c := ws.Config
	var decl []reasons.Spec
	for _, tok := range slices.Sorted(maps.Keys(c.Reasons)) {
		d := c.Reasons[tok]
		s := reasons.Spec{Token: tok, Category: reasons.Category(d.Category), Refusal: d.Refusal,
			Summary: d.Summary, Fix: d.Fix, SeeAlso: d.SeeAlso}
		if _, err := reasons.New([]reasons.Spec{s}, []reasons.Rule{}); err != nil {
			env.Warn(fmt.Sprintf("warning: ignoring malformed [reasons] entry in %s: %v", filepath.Join(ws.StateRoot, "dos.toml"), err))
			continue
		}
		decl = append(decl, s)
	}
	var rules []reasons.Rule
	if c.Morphology != nil {
		rules = make([]reasons.Rule, 0, len(c.Morphology))
		for _, m := range c.Morphology {
			rules = append(rules, reasons.Rule{Substring: m.Substring, Category: reasons.Category(m.Category)})
		}
	}
	reg, err := reasons.New(decl, rules)
	if err != nil {
		env.Warn(fmt.Sprintf("warning: ignoring malformed [[reasons.morphology]] in %s: %v", filepath.Join(ws.StateRoot, "dos.toml"), err))
		if reg, err = reasons.New(decl, nil); err != nil {
			return reasons.Default()
		}
	}
	return reg
}

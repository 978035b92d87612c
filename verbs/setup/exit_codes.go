package setup

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dispatchos/dos/call"
)

// ExitCodesArgs selects one verb, or all.
type ExitCodesArgs struct {
	Verb string `name:"verb" pos:"0" help:"show only this verb's verdicts"`
}

// ExitCodes prints the verdict-to-exit-code table from the registry itself.
var ExitCodes = call.Def{
	Path:  "exit-codes",
	Use:   "[<verb>]",
	Short: "Print every verdict word and the exit code it maps to",
	Long: `USE THIS WHEN: a script or CI step branches on a dos exit code and you need to
know what each code of a verb means.

The exit code of a verdict verb is its answer: a shell or CI step can branch
on it without parsing output. This table is read from the same definitions the
verbs use, so it cannot drift from what they do. Code 2 is always a contract
error (bad input, no workspace), never a verdict.`,
	Example:     "  dos exit-codes\n  dos exit-codes verify\n  dos exit-codes --json",
	Toolset:     call.Ops,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	NoWorkspace: true,
	Handler: &call.Typed[ExitCodesArgs, ExitCodeTable]{Fn: func(ctx context.Context, env *call.Env, a *ExitCodesArgs) (*call.Reply[ExitCodeTable], error) {
		defs := VerdictDefs(env.Registry)
		if a.Verb != "" {
			d := env.Registry.Lookup(a.Verb)
			if d == nil || len(d.Verdicts) == 0 {
				var known []string
				for _, d := range defs {
					known = append(known, d.Path)
				}
				return nil, call.Usagef("%q is not a verdict-bearing verb; known: %s", a.Verb, strings.Join(known, ", "))
			}
			defs = []*call.Def{d}
		}
		data := ExitCodeTable{}
		var b strings.Builder
		if a.Verb == "" {
			b.WriteString("The exit code is the verdict: a shell or CI step branches on it directly.\n\n")
		}
		for i, d := range defs {
			table := ExitTable(d)
			data[d.Path] = map[string]int{}
			if i > 0 {
				b.WriteString("\n")
			}
			fmt.Fprintf(&b, "dos %s\n", d.Path)
			for _, v := range table {
				data[d.Path][v.Word] = v.Code
				fmt.Fprintf(&b, "  %d  %s\n", v.Code, v.Word)
			}
		}
		return &call.Reply[ExitCodeTable]{Text: strings.TrimRight(b.String(), "\n"), Body: data}, nil
	}},
}

// VerdictDefs returns the syscalls that answer with verdicts, sorted by path.
func VerdictDefs(r call.Registry) []*call.Def {
	var out []*call.Def
	for _, d := range r {
		if len(d.Verdicts) > 0 {
			out = append(out, d)
		}
	}
	return out
}

// ExitTable is d's verdict table plus the contract-error row, sorted by code
// then word, with words in lower case as the exit-code table prints them.
func ExitTable(d *call.Def) []ExitRow {
	rows := []ExitRow{{Word: "contract_error", Code: call.ExitUsage}}
	for _, v := range d.Verdicts {
		rows = append(rows, ExitRow{Word: strings.ToLower(strings.ReplaceAll(v.Word(), "-", "_")), Code: v.Code()})
	}
	slices.SortFunc(rows, func(a, b ExitRow) int {
		if a.Code != b.Code {
			return a.Code - b.Code
		}
		return strings.Compare(a.Word, b.Word)
	})
	return slices.CompactFunc(rows, func(a, b ExitRow) bool { return a == b })
}

// ExitCodeTable maps each verdict verb to its words and their exit codes.
type ExitCodeTable map[string]map[string]int

// ExitRow is one line of a verb's exit-code table.
type ExitRow struct {
	Word string
	Code int
}

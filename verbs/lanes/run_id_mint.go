package lanes

import (
	"context"
	"math/rand/v2"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/runid"
)

// RunIDMintArgs are the inputs of run-id mint.
type RunIDMintArgs struct {
	Process string `name:"process" pos:"0" required:"true" help:"the process the id is for (PROC- is added unless present)"`
	Parent  string `name:"parent" help:"the parent run id"`
	Root    string `name:"root" help:"the root run id (default: the parent, else the new id)"`
}

// RunIDMintResult is run-id mint's answer: the new id and its lineage.
type RunIDMintResult struct {
	runid.Lineage
}

// RunIDMint mints a sortable run id.
var RunIDMint = call.Def{
	Path:  "run-id mint",
	Use:   "<process>",
	Short: "Mint a sortable run id with its lineage",
	Long: `USE THIS WHEN: a new run, loop or sub-agent starts and needs an id that sorts by
time and records its parent and root.

What id should this run carry? mint prints a new run id ("RID-" + 9 base32
characters of epoch milliseconds + 6 of random entropy, so ids sort by time)
with its process id, parent and root. A child minted with only --parent has
the parent as its root: a child never becomes its own root.`,
	Example:     "  dos run-id mint fanout\n  dos run-id mint worker --parent RID-1KSR49200000C1S",
	Toolset:     call.Spine,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	JSONDefault: true,
	NoWorkspace: true,
	Handler: &call.Typed[RunIDMintArgs, RunIDMintResult]{Fn: func(ctx context.Context, env *call.Env, a *RunIDMintArgs) (*call.Reply[RunIDMintResult], error) {
		if err := printable("process", a.Process, true); err != nil {
			return nil, err
		}
		for _, c := range [][2]string{{"parent", a.Parent}, {"root", a.Root}} {
			if _, ok := runid.Parse(c[1]); c[1] != "" && !ok {
				return nil, call.Usagef("--%s %q is not a run id (RID- and 15 base32 characters)", c[0], c[1])
			}
		}
		l := runid.Mint(a.Process, env.Now().UnixMilli(), rand.Uint32(), a.Parent, a.Root)
		return &call.Reply[RunIDMintResult]{Body: RunIDMintResult{l}, Text: l.RunID}, nil
	}},
}

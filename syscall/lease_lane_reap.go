package syscall

import (
	"context"
	"fmt"

	"github.com/dispatchos/dos/state/journal/leaselane"
)

// LeaseLaneReapArgs are the inputs of lease-lane reap.
type LeaseLaneReapArgs struct {
	Wait float64 `name:"wait" default:"5" help:"seconds to wait for the journal lock before answering LOCK_BUSY"`
}

// LeaseLaneReap records every expired lease as scavenged.
var LeaseLaneReap = New(Def{
	Path:  "lease-lane reap",
	Short: "Record every expired lane lease as scavenged",
	Long: `Which leases have expired? reap does what acquire does before deciding, without
acquiring: under the journal lock it appends a SCAVENGE record (reason
"ttl-expired") for every live lease whose newest stamp is older than its ttl
plus 5 minutes, and lists them.

Exit 0 REAPED (possibly none), 4 LOCK_BUSY, 2 a journal that cannot be written.`,
	Example:     "  dos lease-lane reap",
	Toolset:     Admission,
	Class:       Write,
	Surfaces:    CLI | MCP,
	JSONDefault: true,
	Verdicts:    []Verdict{{"REAPED", 0}, lockBusy},
}, func(ctx context.Context, env *Env, a *LeaseLaneReapArgs) (*Result, error) {
	sh, err := openLanes(env, a.Wait, true)
	if err != nil {
		return nil, err
	}
	reaped, err := leaselane.Reap(ctx, sh.j, sh.now, sh.cfg)
	if isBusy(err) {
		return busyResult("", sh.cfg.Wait, err), nil
	}
	if err != nil {
		return nil, err
	}
	data := map[string]any{"count": len(reaped), "reaped": reaped}
	if len(reaped) == 0 {
		data["reaped"] = []any{}
	}
	return &Result{Verdict: "REAPED", Data: data, Text: fmt.Sprintf("REAPED %d expired lease(s)", len(reaped))}, nil
})

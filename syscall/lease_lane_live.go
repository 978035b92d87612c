package syscall

import (
	"context"
	"fmt"
	"strings"

	"github.com/dispatchos/dos/state/journal/leaselane"
)

// LeaseLaneLiveArgs takes nothing.
type LeaseLaneLiveArgs struct{}

// LeaseLaneLive lists the live leases.
var LeaseLaneLive = New(Def{
	Path:  "lease-lane live",
	Short: "List who holds which lane now",
	Long: `Who holds what? live folds the lane journal (without taking its lock) and prints
the live leases as a JSON array, in the order they were first acquired. The
one expiry rule applies: a lease whose newest stamp (heartbeat_at, else
acquired_at, else loop_ts) is older than its ttl plus 5 minutes is not listed.`,
	Example:     "  dos lease-lane live",
	Toolset:     Admission,
	Class:       ReadOnly,
	Surfaces:    CLI | MCP,
	JSONDefault: true,
}, func(ctx context.Context, env *Env, _ *LeaseLaneLiveArgs) (*Result, error) {
	sh, err := openLanes(env, 0, false)
	if err != nil {
		return nil, err
	}
	live, err := leaselane.Live(sh.j, sh.now, sh.cfg)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	for _, l := range live {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", l.Lane, l.Holder, l.LoopTS)
	}
	return &Result{Data: live, Text: strings.TrimRight(b.String(), "\n")}, nil
})

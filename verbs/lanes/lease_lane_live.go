package lanes

import (
	"context"
	"fmt"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
)

// LeaseLaneLiveArgs takes nothing.
type LeaseLaneLiveArgs struct{}

// LeaseLaneLiveResult is lease-lane live's answer: the live leases, in the
// order they were first acquired.
type LeaseLaneLiveResult []lease.Lease

// LeaseLaneLive lists the live leases.
var LeaseLaneLive = call.New(call.Def{
	Path:  "lease-lane live",
	Short: "List who holds which lane now",
	Long: `USE THIS WHEN: you need to know which agents hold which lanes right now, for
example before dispatching more work.

Who holds what? live folds the lane journal (without taking its lock) and prints
the live leases as a JSON array, in the order they were first acquired. The
one expiry rule applies: a lease whose newest stamp (heartbeat_at, else
acquired_at, else loop_ts) is older than its ttl plus 5 minutes is not listed.`,
	Example:     "  dos lease-lane live",
	Toolset:     call.Core,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	JSONDefault: true,
}, func(ctx context.Context, env *call.Env, _ *LeaseLaneLiveArgs) (*call.Reply[LeaseLaneLiveResult], error) {
	sh, err := openLanes(env, 0, false)
	if err != nil {
		return nil, err
	}
	live, err := sh.live(ctx, env)
	if err != nil {
		return nil, err
	}
	var b strings.Builder
	for _, l := range live {
		fmt.Fprintf(&b, "%s\t%s\t%s\n", l.Lane, l.Holder, l.LoopTS)
	}
	return &call.Reply[LeaseLaneLiveResult]{Body: LeaseLaneLiveResult(live), Text: strings.TrimRight(b.String(), "\n")}, nil
})

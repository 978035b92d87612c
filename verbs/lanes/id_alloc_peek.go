package lanes

import (
	"context"
	"fmt"

	"github.com/dispatchos/dos/call"
)

// IDAllocPeekArgs are the inputs of id-alloc peek.
type IDAllocPeekArgs struct {
	Scope string `name:"scope" pos:"0" required:"true" help:"the counter's scope"`
}

// IDAllocPeekResult is id-alloc peek's answer: the scope's last id, null
// when it never allocated.
type IDAllocPeekResult struct {
	ID    *int64 `json:"id"`
	Scope string `json:"scope"`
}

// IDAllocPeek reads a scope's last id without allocating.
var IDAllocPeek = call.Def{
	Path:  "id-alloc peek",
	Use:   "<scope>",
	Short: "Print the last id allocated in a scope (null if none), without locking",
	Long: `USE THIS WHEN: you need the last number a sequence handed out without taking a
new one.

Which id did this scope hand out last? peek reads the counter without taking
its lock and prints it, or null for a scope that never allocated. On an etcd
fleet ([fleet] in dos.toml) it reads the cluster's counter; a cluster that does
not answer is an error naming its endpoints (exit 2).`,
	Example:     "  dos id-alloc peek next-up/2026-06-01",
	Toolset:     call.Spine,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	JSONDefault: true,
	Handler: &call.Typed[IDAllocPeekArgs, IDAllocPeekResult]{Fn: func(ctx context.Context, env *call.Env, a *IDAllocPeekArgs) (*call.Reply[IDAllocPeekResult], error) {
		al, err := allocator(env, a.Scope, 0, false)
		if err != nil {
			return nil, err
		}
		shared, err := sharedStore(env)
		var id int64
		var ok bool
		if err == nil && shared != nil {
			defer shared.Close()
			id, ok, err = shared.PeekID(ctx, a.Scope)
		} else if err == nil {
			id, ok, err = al.Peek(a.Scope)
		}
		if err != nil {
			return nil, err
		}
		if !ok {
			return &call.Reply[IDAllocPeekResult]{Body: IDAllocPeekResult{Scope: a.Scope}, Text: "null"}, nil
		}
		return &call.Reply[IDAllocPeekResult]{Body: IDAllocPeekResult{ID: &id, Scope: a.Scope}, Text: fmt.Sprint(id)}, nil
	}},
}

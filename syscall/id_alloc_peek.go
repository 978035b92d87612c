package syscall

import (
	"context"
	"fmt"
)

// IDAllocPeekArgs are the inputs of id-alloc peek.
type IDAllocPeekArgs struct {
	Scope string `name:"scope" pos:"0" required:"true" help:"the counter's scope"`
}

// IDAllocPeek reads a scope's last id without allocating.
var IDAllocPeek = New(Def{
	Path:  "id-alloc peek",
	Use:   "<scope>",
	Short: "Print the last id allocated in a scope (null if none), without locking",
	Long: `Which id did this scope hand out last? peek reads the counter without taking
its lock and prints it, or null for a scope that never allocated.`,
	Example:     "  dos id-alloc peek next-up/2026-06-01",
	Toolset:     Ops,
	Class:       ReadOnly,
	Surfaces:    CLI | MCP,
	JSONDefault: true,
}, func(ctx context.Context, env *Env, a *IDAllocPeekArgs) (*Result, error) {
	al, err := allocator(env, a.Scope, 0, false)
	if err != nil {
		return nil, err
	}
	id, ok, err := al.Peek(a.Scope)
	if err != nil {
		return nil, err
	}
	if !ok {
		return &Result{Data: map[string]any{"id": nil, "scope": a.Scope}, Text: "null"}, nil
	}
	return &Result{Data: map[string]any{"id": id, "scope": a.Scope}, Text: fmt.Sprint(id)}, nil
})

package syscall

import (
	"context"
	"runtime"

	"github.com/dispatchos/dos/internal/version"
)

// VersionArgs takes nothing.
type VersionArgs struct{}

// Version reports dos's own version.
var Version = New(Def{
	Path:        "version",
	Short:       "Print the dos version",
	Long:        "Print the version of this dos build and the Go runtime it was built with.",
	Example:     "  dos version\n  dos version --json",
	Toolset:     Ops,
	Class:       ReadOnly,
	Surfaces:    CLI | MCP,
	NoWorkspace: true,
}, func(ctx context.Context, env *Env, _ *VersionArgs) (*Result, error) {
	v := version.String()
	return &Result{
		Text: "dos " + v,
		Data: map[string]any{"version": v, "go": runtime.Version(), "distribution": "dos"},
	}, nil
})

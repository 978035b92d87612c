package setup

import (
	"context"
	"runtime"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/internal/version"
)

// VersionArgs takes nothing.
type VersionArgs struct{}

// Version reports dos's own version.
var Version = call.Def{
	Path:  "version",
	Short: "Print the dos version",
	Long: `USE THIS WHEN: you need to know which dos build answers, for example to check a
host runs the version you expect.

Print the version of this dos build and the Go runtime it was built with.`,
	Example:     "  dos version\n  dos version --json",
	Toolset:     call.Ops,
	Class:       call.ReadOnly,
	Surfaces:    call.CLI | call.MCP,
	NoWorkspace: true,
	Handler: &call.Typed[VersionArgs, VersionResult]{Fn: func(ctx context.Context, env *call.Env, _ *VersionArgs) (*call.Reply[VersionResult], error) {
		r := VersionResult{Version: version.String(), Commit: version.Commit(), Go: runtime.Version(), Distribution: "dos"}
		text := "dos " + r.Version + " (" + r.Go
		if r.Commit != "" {
			text += ", commit " + r.Commit
		}
		return &call.Reply[VersionResult]{Text: text + ")", Body: r}, nil
	}},
}

// VersionResult is version's answer.
type VersionResult struct {
	Version      string `json:"version"`
	Commit       string `json:"commit,omitempty"`
	Go           string `json:"go"`
	Distribution string `json:"distribution"`
}

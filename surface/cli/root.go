package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dispatchos/dos/internal/version"
	"github.com/dispatchos/dos/syscall"
)

// NewRoot builds the dos command tree from the registry.
func NewRoot(env *syscall.Env, stdio IO) *cobra.Command {
	root := &cobra.Command{
		Use:   "dos",
		Short: "The Dispatch Operating System: verdicts from ground truth for fleets of AI agents",
		Long: `dos answers the questions a fleet of coding agents keeps raising, from evidence
the agents did not write: git history, the file tree, dos's own journals and the
clock. Every verdict verb prints one line (or --json) and exits with the answer:
0 yes, 1 no, 2 bad input. See 'dos exit-codes' for every verdict.`,
		Version:       version.String(),
		SilenceErrors: true,
		SilenceUsage:  true,
		CompletionOptions: cobra.CompletionOptions{
			HiddenDefaultCmd: true,
		},
	}
	root.PersistentFlags().StringVar(&env.WorkspaceFlag, "workspace", "",
		"the workspace directory (default: $DISPATCH_WORKSPACE, then the current directory)")
	root.PersistentFlags().StringVar(&env.Driver, "driver", "",
		"the base policy dos.toml is folded over: generic (default) or job")
	root.PersistentFlags().BoolVar(&env.Job, "job", false, "same as --driver job")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &syscall.UsageError{Msg: err.Error(), Hints: []string{fmt.Sprintf("see 'dos %s --help'", strings.TrimPrefix(c.CommandPath(), "dos "))}}
	})
	for _, d := range syscall.All() {
		if !d.Has(syscall.CLI) {
			continue
		}
		parent := groupFor(root, d.Path)
		parent.AddCommand(newCommand(env, stdio, d))
	}
	applyHelpGroups(root)
	return root
}

// groupFor returns the command that will hold the last word of path,
// creating group commands ("lease-lane") for the words before it.
func groupFor(root *cobra.Command, path string) *cobra.Command {
	words := strings.Fields(path)
	cur := root
	for _, w := range words[:len(words)-1] {
		var next *cobra.Command
		for _, c := range cur.Commands() {
			if c.Name() == w {
				next = c
				break
			}
		}
		if next == nil {
			next = &cobra.Command{
				Use:   w,
				Short: groupShort[w],
				Args:  cobra.NoArgs,
				RunE: func(c *cobra.Command, args []string) error {
					return &syscall.UsageError{Msg: fmt.Sprintf("'%s' needs a subcommand", c.CommandPath()), Hints: []string{fmt.Sprintf("see '%s --help'", c.CommandPath())}}
				},
			}
			cur.AddCommand(next)
		}
		cur = next
	}
	return cur
}

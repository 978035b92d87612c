package cli

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/rs/zerolog"
	"github.com/spf13/cobra"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/internal/version"
	"github.com/dispatchos/dos/verbs"
)

// NewRoot builds the dos command tree from the registry.
func NewRoot(env *call.Env, stdio IO) *cobra.Command { return newRoot(env, stdio, nil) }

// newRoot builds the tree. When target names the one verb a command line
// runs, only that verb (and the group commands on its path) is built: a
// plain command line never reads another verb's flags, help or grouping,
// and building them was most of a start-up's own work. Help, completion,
// suggestions for a misspelled verb and bare group commands have no target
// and get the whole tree, every verb bound.
func newRoot(env *call.Env, stdio IO, target *call.Def) *cobra.Command {
	root := &cobra.Command{
		Use:   "dos",
		Short: "The Dispatch Operating System: verdicts from ground truth for fleets of AI agents",
		Long: `dos answers the questions a fleet of coding agents keeps raising, from evidence
the agents did not write: git history, the file tree, dos's own journals and the
clock. Every verdict verb prints one line (or --json) and exits with the answer:
0 yes, 1 no, 2 bad input. See 'dos exit-codes' for every verdict.

Shell completion: source <(dos completion bash) (also zsh, fish, powershell).
Debug logs on stderr: --log-level debug, or DOS_LOG=debug.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		CompletionOptions: cobra.CompletionOptions{
			HiddenDefaultCmd: true,
		},
	}
	// The common arguments are declared once in the registry (call.Common);
	// the CLI offers them as persistent flags so they may come before or
	// after the verb.
	common := &call.Common{}
	for _, f := range call.Fields(common) {
		bindFlagSet(root.PersistentFlags(), common, f)
	}
	var logLevel string
	root.PersistentFlags().StringVar(&logLevel, "log-level", "", "structured logs on stderr {debug | info | warn | error} (default: $DOS_LOG, else off)")
	root.PersistentPreRunE = func(c *cobra.Command, _ []string) error {
		if logLevel == "" {
			return nil
		}
		l, err := zerolog.ParseLevel(logLevel)
		if err != nil || l > zerolog.ErrorLevel || l < zerolog.DebugLevel {
			return &call.UsageError{Msg: fmt.Sprintf("unknown log level %q; known: debug, info, warn, error", logLevel)}
		}
		env.Log = loggerAt(env.Stderr, l)
		return nil
	}
	root.SetFlagErrorFunc(flagError)
	if env.Registry == nil {
		env.Registry = verbs.All()
	}
	for _, d := range env.Registry {
		if !d.Has(call.CLI) {
			continue
		}
		if target != nil && d != target {
			continue
		}
		groupFor(root, d.Path).AddCommand(newCommand(env, common, stdio, d))
	}
	if target == nil || target == noVerb {
		root.AddCommand(newHookCommand(stdio))
		root.AddCommand(newMCPCommand(env, stdio))
	}
	if target != nil {
		root.CompletionOptions.DisableDefaultCmd = true
		return root
	}
	// Only a command line with no verb can ask for --version, and only it
	// reads the build information for it.
	root.Version = version.String()
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
				Short: groupShort(w),
				Args:  cobra.ArbitraryArgs,
				// a misspelled subcommand's flags belong to the subcommand:
				// let them through so the answer is about the name.
				FParseErrWhitelist:         cobra.FParseErrWhitelist{UnknownFlags: true},
				RunE:                       groupRun,
				SuggestionsMinimumDistance: 2,
			}
			cur.AddCommand(next)
		}
		cur = next
	}
	return cur
}

// groupRun answers a group command ("dos lease-lane") run without a
// known subcommand: it names the unknown one and suggests the nearest.
func groupRun(c *cobra.Command, args []string) error {
	help := fmt.Sprintf("see '%s --help'", c.CommandPath())
	if len(args) == 0 {
		return &call.UsageError{Msg: fmt.Sprintf("'%s' needs a subcommand", c.CommandPath()), Hints: []string{help}}
	}
	e := &call.UsageError{Msg: fmt.Sprintf("unknown subcommand %q for '%s'", args[0], c.CommandPath())}
	for _, s := range c.SuggestionsFor(args[0]) {
		e.Hints = append(e.Hints, fmt.Sprintf("did you mean '%s %s'?", c.CommandPath(), s))
	}
	e.Hints = append(e.Hints, help)
	return e
}

// flagError turns a flag parse error into a usage error. A bad value keeps
// dos's own message (the field's parser says what it wants) rather than
// strconv's.
func flagError(c *cobra.Command, err error) error {
	hint := fmt.Sprintf("see '%s --help'", c.CommandPath())
	var ue *call.UsageError
	if errors.As(err, &ue) {
		return &call.UsageError{Msg: ue.Msg, Hints: append(slices.Clone(ue.Hints), hint)}
	}
	return &call.UsageError{Msg: err.Error(), Hints: []string{hint}}
}

// noVerb is the target of a command line that runs no registry verb (dos
// hook, dos mcp): no verb is built.
var noVerb = &call.Def{}

// takesValue reports whether a persistent flag reads the next argument as
// its value: --log-level and every non-boolean common argument (derived
// from call.Common, so a new common argument needs no edit here).
func takesValue(flag string) bool {
	if flag == "--log-level" {
		return true
	}
	for _, f := range call.Fields(&call.Common{}) {
		if "--"+f.Name == flag {
			return f.Kind != reflect.Bool
		}
	}
	return false
}

// targetOf finds the verb a command line runs, or nil when it is not
// plain (help, completion, an unknown verb), in which case the whole tree
// is built.
func targetOf(reg call.Registry, args []string) *call.Def {
	var words []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-h" || a == "--help" || a == "help" || a == "completion" || strings.HasPrefix(a, "__complete"):
			return nil
		case a == "--":
			i = len(args)
		case strings.HasPrefix(a, "-"):
			if takesValue(a) {
				i++
			}
		default:
			words = append(words, a)
		}
	}
	if len(words) > 0 && (words[0] == "hook" || words[0] == "mcp") {
		return noVerb // hand-written commands: every verb can be a stub
	}
	var best *call.Def
	bestLen := 0
	for _, d := range reg {
		if n, ok := pathPrefix(d.Path, words); ok && n > bestLen {
			best, bestLen = d, n
		}
	}
	return best
}

// pathPrefix reports whether the words of path (one space between them, as
// the registry writes them) open words, and how many words path has.
func pathPrefix(path string, words []string) (int, bool) {
	n := 0
	for rest := path; ; n++ {
		w, more, found := strings.Cut(rest, " ")
		if n >= len(words) || words[n] != w {
			return 0, false
		}
		if !found {
			return n + 1, true
		}
		rest = more
	}
}

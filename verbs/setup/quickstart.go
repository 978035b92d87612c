package setup

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/verbs/lanes"
	"github.com/dispatchos/dos/verbs/ship"
	"github.com/dispatchos/dos/workspace"
)

// QuickstartArgs are the arguments of quickstart.
type QuickstartArgs struct {
	Keep string `name:"keep" help:"build the demo in this directory and keep it (default: a temporary directory, removed afterwards)"`
}

// The story's constants: one plan, one shipped phase, one that never was.
const (
	qsPlan    = "AUTH"
	qsShipped = "AUTH1"
	qsMissing = "AUTH2"
	qsFile    = "login.py"
)

// Quickstart runs the whole promise of dos on a throwaway repository.
var Quickstart = call.Def{
	Path:  "quickstart",
	Short: "See dos catch a false \"done\" in a throwaway repository",
	Long: `USE THIS WHEN: you are new to dos and want to watch it catch a false claim in a
throwaway repository, without touching your own project.

quickstart builds a small git repository, writes its dos.toml, commits one
real piece of work stamped AUTH1, and then asks dos, exactly as an agent's
supervisor would:

  dos verify AUTH AUTH1   -> SHIPPED (exit 0): a real commit backs the claim
  dos verify AUTH AUTH2   -> NOT_SHIPPED (exit 1): nothing does, whatever the agent says

Then three agents ask for the same lane: the first gets src; the second is
refused (exit 1) and told that docs is free, and takes it with --auto; the
third is refused because nothing is left; 'lease-lane live' shows who holds
what.

Every verdict is computed by the real verbs against the real repository. The
directory is removed afterwards unless --keep is given. Needs git on PATH.`,
	Example:  "  dos quickstart\n  dos quickstart --keep /tmp/dos-demo",
	Toolset:  call.Ops,
	Class:    call.Write,
	Surfaces: call.CLI,
	Verdicts: []*call.Verdict{&QuickstartOK},
	Handler:  &call.Typed[QuickstartArgs, QuickstartResult]{Fn: runQuickstart},
}

func runQuickstart(ctx context.Context, env *call.Env, a *QuickstartArgs) (*call.Reply[QuickstartResult], error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("quickstart needs git on PATH: %w", err)
	}
	dir := a.Keep
	if dir == "" {
		tmp, err := os.MkdirTemp("", "dos-quickstart-*")
		if err != nil {
			return nil, fmt.Errorf("quickstart: %w", err)
		}
		defer os.RemoveAll(tmp)
		dir = tmp
	} else {
		if !filepath.IsAbs(dir) {
			dir = filepath.Join(env.WorkDir(), dir)
		}
		if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
			return nil, call.Usagef("--keep %s: the directory is not empty; quickstart only builds in a new or empty one", dir)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("quickstart: %w", err)
		}
	}
	var out strings.Builder
	say := func(format string, args ...any) { fmt.Fprintf(&out, format+"\n", args...) }

	// Act 1: a repository with a dos.toml.
	for _, p := range []string{"src", "docs"} {
		if err := os.MkdirAll(filepath.Join(dir, p), 0o755); err != nil {
			return nil, fmt.Errorf("quickstart: %w", err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "docs", "notes.md"), []byte("# notes\n"), 0o644); err != nil {
		return nil, fmt.Errorf("quickstart: %w", err)
	}
	sc := workspace.NewScaffold([]string{"docs", "src"})
	if err := os.WriteFile(filepath.Join(dir, "dos.toml"), []byte(sc.Text), 0o644); err != nil {
		return nil, fmt.Errorf("quickstart: %w", err)
	}
	say("A throwaway repository in %s.", dir)
	say("")
	say("$ dos init .")
	say("wrote dos.toml: %s", sc.Summary)

	// Act 2: one real, stamped piece of work.
	if err := os.WriteFile(filepath.Join(dir, "src", qsFile), []byte("def login(): ...\n"), 0o644); err != nil {
		return nil, fmt.Errorf("quickstart: %w", err)
	}
	for _, args := range [][]string{
		{"init", "-q", "-b", "main"},
		{"config", "commit.gpgsign", "false"},
		{"add", "-A"},
		{"commit", "-q", "-m", qsShipped + ": ship the login endpoint"},
	} {
		if err := quickGit(ctx, dir, args...); err != nil {
			return nil, err
		}
	}
	say("$ git commit -m %q", qsShipped+": ship the login endpoint")
	say("")
	say("An agent says it finished %s and %s. Ask git, not the agent:", qsShipped, qsMissing)
	sub := &call.Env{Now: env.Now, Getenv: func(string) string { return "" }, Cwd: dir, WorkspaceFlag: dir, Stderr: env.Stderr, Log: env.Log}
	for _, c := range []struct {
		phase string
		want  int
	}{{qsShipped, 0}, {qsMissing, 1}} {
		res, err := ship.Verify.Run(ctx, sub, &call.Input{Args: &ship.VerifyArgs{Plan: qsPlan, Phase: c.phase, Ref: "HEAD"}})
		if err != nil {
			return nil, fmt.Errorf("quickstart: verify %s: %w", c.phase, err)
		}
		if res.ExitCode != c.want {
			return nil, fmt.Errorf("quickstart: verify %s answered %q (exit %d), the demo expected exit %d", c.phase, res.Text, res.ExitCode, c.want)
		}
		say("$ dos verify %s %s", qsPlan, c.phase)
		say("%s", res.Text)
		say("exit=%d", res.ExitCode)
	}
	if err := quickstartFleet(ctx, sub, say); err != nil {
		return nil, err
	}
	say("")
	say("Next:")
	say("  dos init                     in your own repository (lanes from its top-level dirs)")
	say("  dos verify PLAN PHASE        in CI or a supervisor: the exit code is the verdict")
	say("  dos exit-codes               every verdict word and its exit code")
	if a.Keep != "" {
		say("  dos verify --workspace %s %s %s", dir, qsPlan, qsShipped)
	}
	text := strings.TrimRight(out.String(), "\n")
	return &call.Reply[QuickstartResult]{Verdict: QuickstartOK, Text: text, Body: QuickstartResult{Dir: a.Keep, Transcript: text}}, nil
}

// quickGit runs git in dir with a throwaway identity and no user config.
func quickGit(ctx context.Context, dir string, args ...string) error {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_AUTHOR_NAME=dos quickstart", "GIT_AUTHOR_EMAIL=quickstart@dos.invalid",
		"GIT_COMMITTER_NAME=dos quickstart", "GIT_COMMITTER_EMAIL=quickstart@dos.invalid",
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("quickstart: git %s: %w: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// quickstartFleet is the second act: three agents ask for one lane, through
// the real lane journal of the demo repository.
func quickstartFleet(ctx context.Context, env *call.Env, say func(string, ...any)) error {
	say("")
	say("Three agents want to write src/ at once. Leases keep them apart:")
	for _, step := range []struct {
		owner string
		auto  bool
		want  int
	}{{"agent-A", false, 0}, {"agent-B", false, 1}, {"agent-B", true, 0}, {"agent-C", true, 1}} {
		in := lanes.LeaseLaneAcquire.NewInput()
		args := in.Args.(*lanes.LeaseLaneAcquireArgs)
		args.Owner, args.Lane, args.Auto = step.owner, "src", step.auto
		res, err := lanes.LeaseLaneAcquire.Run(ctx, env, in)
		if err != nil {
			return fmt.Errorf("quickstart: lease-lane acquire for %s: %w", step.owner, err)
		}
		if res.ExitCode != step.want {
			return fmt.Errorf("quickstart: lease-lane acquire for %s answered %s, the demo expected exit %d", step.owner, res.Verdict, step.want)
		}
		body := res.Body.(lanes.LeaseLaneAcquireResult)
		cmd := fmt.Sprintf("$ dos lease-lane acquire --owner %s --lane src", step.owner)
		if step.auto {
			cmd += " --auto"
		}
		say("%s", cmd)
		switch {
		case res.Verdict != lanes.Acquired:
			say("%s (%s): %s", res.Verdict, body.ReasonClass, body.Reason)
		case body.AutoPicked:
			say("%s lane %s — %s", res.Verdict, body.Lane, body.Reason)
		default:
			say("%s lane %s", res.Verdict, body.Lane)
		}
		say("exit=%d", res.ExitCode)
	}
	res, err := lanes.LeaseLaneLive.Run(ctx, env, lanes.LeaseLaneLive.NewInput())
	if err != nil {
		return fmt.Errorf("quickstart: lease-lane live: %w", err)
	}
	say("$ dos lease-lane live")
	for _, l := range res.Body.(lanes.LeaseLaneLiveResult).Leases {
		say("%s holds %s (%s)", l.Holder, l.Lane, strings.Join(l.Tree, ", "))
	}
	return nil
}

// QuickstartResult is the quickstart's answer: the transcript it printed,
// and the directory it kept (empty when it removed it).
type QuickstartResult struct {
	Dir        string `json:"dir,omitempty"`
	Transcript string `json:"transcript"`
}

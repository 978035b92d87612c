package cli

import "github.com/spf13/cobra"

// helpGroups orders the top-level commands in --help by the question they
// answer. A verb missing here lands under "Other".
var helpGroups = []struct {
	id, title string
	verbs     []string
}{
	{"truth", "Is it done? (answered from git)", []string{"verify", "plan", "commit-audit"}},
	{"lanes", "Who may write where? (lanes and leases)", []string{"lease-lane", "arbitrate", "scope-gate", "lease", "journal", "fleet", "halt", "reasons", "check-reason"}},
	{"runs", "Is this run still moving? (runs over time)", []string{"liveness", "status", "trace", "intent", "resume", "complete", "rewind"}},
	{"loops", "Is the fleet moving, and worth its tokens? (loops and their economics)", []string{"loop", "watch", "productivity", "efficiency", "efficiency-trend", "breaker", "improve", "reward", "work-account", "noop-streak"}},
	{"setup", "Set up and check a workspace", []string{"quickstart", "init", "doctor", "lint", "hosts", "hook", "mcp"}},
	{"hooks", "Beside the hooks (commands, scripts, headless hosts)", []string{"exec-capability", "hook-exit", "guard"}},
	{"tools", "Tools", []string{"exit-codes", "run-id", "id-alloc", "version"}},
}

// groupShort describes a command group (a verb with subcommands).
func groupShort(name string) string {
	switch name {
	case "lease-lane":
		return "Take, heartbeat, release and list lane leases"
	case "lease":
		return "Take, release or inspect the archive lock"
	case "journal":
		return "Read, fold, compact and export the lane journal"
	case "fleet":
		return "Move a fleet's lease state between the file journal and etcd"
	case "run-id":
		return "Mint run ids"
	case "intent":
		return "Record a run's intent, claimed steps and verified steps"
	case "id-alloc":
		return "Allocate integer ids that are never reused"
	}
	return ""
}

// applyHelpGroups sorts root's commands into the help groups.
func applyHelpGroups(root *cobra.Command) {
	for _, g := range helpGroups {
		root.AddGroup(&cobra.Group{ID: g.id, Title: g.title + ":"})
	}
	root.AddGroup(&cobra.Group{ID: "other", Title: "Other:"})
	for _, c := range root.Commands() {
		c.GroupID = "other"
		for _, g := range helpGroups {
			for _, v := range g.verbs {
				if c.Name() == v {
					c.GroupID = g.id
				}
			}
		}
	}
	root.SetHelpCommandGroupID("other")
	root.SetCompletionCommandGroupID("other")
}

package leaselane

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/workspace"
)

// Config is what the shell needs besides the journal.
type Config struct {
	Taxonomy admission.Taxonomy
	Policy   admission.Policy
	Expiry   lease.Policy
	// Wait bounds how long a writer waits for the journal lock.
	Wait time.Duration
	// HostID and PID are stamped on the records this process writes.
	HostID string
	PID    int
}

// DefaultWait is the default bound on waiting for the journal lock.
const DefaultWait = 5 * time.Second

// FromWorkspace builds the configuration of ws: its lane taxonomy (each
// tree resolved through the symbolic links inside the state root, see
// [ResolveTrees]), its overlap ratio, the [self_modify] protect paths that
// exist, the default expiry rule, and this host's identity
// (DISPATCH_HOST_ID, else the hostname).
func FromWorkspace(ws *workspace.Workspace, getenv func(string) string) Config {
	c := ws.Config
	trees, bad := ResolveTrees(ws, c.Lanes.Trees)
	t := admission.Taxonomy{
		Concurrent: c.Lanes.Concurrent, Exclusive: c.Lanes.Exclusive, Autopick: c.Lanes.Autopick,
		Trees: trees, Aliases: c.Lanes.Aliases, Uncertified: bad,
	}
	return Config{
		Taxonomy: t,
		Policy: admission.Policy{RatioMax: c.Overlap.RatioMax, Protect: existing(ws.StateRoot, c.SelfModify.Protect),
			Budgets: budgets(c.ConcurrencyClasses)},
		Expiry: lease.DefaultPolicy,
		Wait:   DefaultWait,
		HostID: HostID(getenv),
		PID:    os.Getpid(),
	}
}

// ResolveTrees resolves every lane's tree through the symbolic links
// inside the state root. A tree that reaches outside is kept as declared
// and its lane listed in bad with why, so admission never grants it.
func ResolveTrees(ws *workspace.Workspace, declared map[string][]string) (trees map[string][]string, bad map[string]string) {
	trees = make(map[string][]string, len(declared))
	for lane, t := range declared {
		r, err := ws.ResolveTree(t)
		if err != nil {
			if bad == nil {
				bad = map[string]string{}
			}
			bad[lane] = err.Error()
			r = t
		}
		trees[lane] = r
	}
	return trees, bad
}

// budgets folds [[concurrency_class]] into the per-kind lease caps
// (kinds compared in lower case); nil when none is declared.
func budgets(classes []workspace.ConcurrencyClass) map[string]int {
	if len(classes) == 0 {
		return nil
	}
	out := make(map[string]int, len(classes))
	for _, c := range classes {
		out[strings.ToLower(c.Name)] = c.MaxConcurrent
	}
	return out
}

// HostID is $DISPATCH_HOST_ID, else the hostname.
func HostID(getenv func(string) string) string {
	if getenv != nil {
		if h := getenv("DISPATCH_HOST_ID"); h != "" {
			return h
		}
	}
	h, _ := os.Hostname()
	return h
}

// existing keeps the protect globs that match something under root.
func existing(root string, globs []string) []string {
	var out []string
	for _, g := range globs {
		p := strings.TrimPrefix(strings.TrimSpace(g), "./")
		if p == "" {
			continue
		}
		if strings.ContainsAny(p, "*?[") {
			if m, _ := filepath.Glob(filepath.Join(root, strings.ReplaceAll(p, "**", "*"))); len(m) > 0 {
				out = append(out, g)
			}
			continue
		}
		if _, err := os.Stat(filepath.Join(root, p)); err == nil {
			out = append(out, g)
		}
	}
	return out
}

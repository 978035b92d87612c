package hook

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"time"

	"github.com/dispatchos/dos/hostcfg"
	"github.com/dispatchos/dos/kernel/hook"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/journal/leaselane"
)

// EnforceWait is how long a pretool deny or warning waits for the lane
// journal lock before it skips its ENFORCE record (hooks decision 10).
const EnforceWait = 5 * time.Millisecond

// loopEnv are the variables whose presence makes a loop session.
var loopEnv = []string{"DOS_LOOP", "CID_RUN_ID", "DISPATCH_LOOP_TS"}

func (c *call) loop() bool {
	if c.r.Loop {
		return true
	}
	for _, k := range loopEnv {
		if c.r.Getenv(k) != "" {
			return true
		}
	}
	return false
}

func (c *call) runID() string {
	if v := c.r.Getenv("CID_RUN_ID"); v != "" {
		return v
	}
	return c.r.Getenv("DISPATCH_RUN_ID")
}

func (c *call) pretool(ctx context.Context) (hook.Decision, error) {
	out, j, session := c.propose(ctx)
	if rec, ok := hook.Enforce(c.ev, out, hook.Stamp{HostID: leaselane.HostID(c.r.Getenv),
		LoopTS: c.r.Getenv("DISPATCH_LOOP_TS"), RunID: c.runID(), Dialect: string(c.host.Name)}); ok {
		if session != "" {
			rec.Holder = session
		}
		c.enforce(ctx, j, rec)
	}
	return out.Decision, nil
}

// propose decides the event's tool call as a proposal, over the live
// leases and the protected files, without recording anything.
func (c *call) propose(ctx context.Context) (hook.PreOutcome, *journal.Journal, string) {
	j := journal.ForWorkspace(c.ws, c.r.Getenv)
	v := c.leases(ctx, j)
	session := c.ev.SessionKey
	if c.r.SessionID != "" {
		session = c.r.SessionID
	}
	out := hook.Pretool(hook.PreInput{
		Event:      c.ev,
		Place:      c.place(),
		Protected:  c.protected(j),
		Leases:     v.live(),
		Self:       hook.Self{Session: session, RunID: c.runID()},
		Loop:       c.loop(),
		RatioMax:   c.ws.Config.Overlap.RatioMax,
		LeaseError: v.Err,
		ApplyGate:  c.applyGate(v),
	})
	return out, j, session
}

// relayPreWarn hands the agent, once the tool has run, a warning its host
// dropped before the tool ran (Host.PreWarnAfterTool): the call is
// decided again as a proposal, without a second ENFORCE record, and a
// warning joins the posttool answer.
func (c *call) relayPreWarn(ctx context.Context, d hook.Decision) hook.Decision {
	if !c.host.PreWarnAfterTool || hook.FootprintOf(c.ev).WritesNothing() {
		return d
	}
	out, _, _ := c.propose(ctx)
	pre := out.Decision
	if pre.Action != hook.Warn || pre.Context == "" {
		return d
	}
	if d.Action == hook.Allow {
		return pre
	}
	d.Context = strings.TrimSpace(pre.Context + "\n" + d.Context)
	return d
}

// place is where the event's paths are resolved: the checkout root (the
// state root outside git), the event's cwd, $HOME, and the symlink-free
// spelling of every directory the paths may be written under.
func (c *call) place() hook.Place {
	root := c.ws.CheckoutRoot
	if root == "" {
		root = c.ws.StateRoot
	}
	pl := hook.Place{Root: filepath.ToSlash(root), Home: filepath.ToSlash(c.r.Getenv("HOME"))}
	cwd := c.ev.Cwd
	if !filepath.IsAbs(cwd) {
		cwd = c.ws.Dir
	}
	pl.Cwd = filepath.ToSlash(cwd)
	for _, d := range []string{c.ev.Cwd, c.r.Workspace, c.r.Getenv("PWD"), pl.Home} {
		if !filepath.IsAbs(d) {
			continue
		}
		d = filepath.Clean(d)
		if real, err := filepath.EvalSymlinks(d); err == nil && real != d {
			pl.Aliases = append(pl.Aliases, hook.Alias{From: filepath.ToSlash(d), To: filepath.ToSlash(real)})
		}
	}
	return pl
}

// protected lists the absolute globs agents may not write (hooks
// decisions 6 and 7): dos.toml and .dos/ at the state and checkout roots,
// the verify index in the git common dir, every host's hook and settings
// files in the project and the home directory, the lane journal and its
// lock wherever they live, and [self_modify] protect.
func (c *call) protected(j *journal.Journal) []string {
	var out []string
	add := func(p string) {
		p = filepath.ToSlash(filepath.Clean(p))
		for _, q := range out {
			if q == p {
				return
			}
		}
		out = append(out, p)
	}
	for _, root := range []string{c.ws.StateRoot, c.ws.CheckoutRoot} {
		if root == "" {
			continue
		}
		add(filepath.Join(root, "dos.toml"))
		add(filepath.Join(root, ".dos") + "/**")
		for _, f := range hostcfg.ProjectFiles() {
			add(filepath.Join(root, f))
		}
		for _, g := range c.ws.Config.SelfModify.Protect {
			g = strings.TrimPrefix(strings.TrimSpace(g), "./")
			switch {
			case g == "":
			case filepath.IsAbs(g):
				add(g)
			default:
				add(filepath.Join(root, g))
			}
		}
	}
	if c.ws.CommonDir != "" {
		add(filepath.Join(c.ws.CommonDir, "dos") + "/**")
	}
	home := c.r.Getenv("HOME")
	if !filepath.IsAbs(home) {
		home = ""
	}
	for _, f := range hostcfg.UserPaths(filepath.ToSlash(home), c.r.Getenv) {
		add(f)
	}
	add(j.Path)
	add(j.LockPath)
	return out
}

// enforce appends the ENFORCE record: under the journal lock, waiting at
// most EnforceWait, without fsync; on a fleet, as an event of its store
// (none when the store did not answer: a fleet member keeps no journal of
// its own). A busy lock or a write fault costs the record, never the
// answer.
func (c *call) enforce(ctx context.Context, j *journal.Journal, rec hook.EnforceRecord) {
	b, err := json.Marshal(rec)
	if err != nil {
		return
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return
	}
	if v := c.leases(ctx, j); v.shared {
		if v.fleet == nil {
			c.r.debugf("ENFORCE record not written: the fleet's lease store is unavailable")
			return
		}
		if _, err := v.fleet.Append(ctx, m); err != nil {
			c.r.warnf("ENFORCE record not written (lease store): %v", err)
		}
		return
	}
	if _, err := c.ws.EnsureDotDos(); err != nil {
		c.r.debugf("%v", err)
	}
	tx, err := j.Begin(ctx, EnforceWait, c.now)
	if err != nil {
		c.r.warnf("ENFORCE record not written (lane journal busy or unwritable): %v", err)
		return
	}
	defer tx.Close()
	if _, err := tx.AppendUnsynced(m); err != nil {
		c.r.warnf("ENFORCE record not written: %v", err)
	}
}

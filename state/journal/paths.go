package journal

import (
	"os"
	"path/filepath"

	"github.com/dispatchos/dos/workspace"
)

// Environment overrides of the journal and lock paths.
const (
	EnvJournal    = "DISPATCH_LANE_JOURNAL_PATH"
	EnvJobJournal = "JOB_LANE_JOURNAL_PATH"
	EnvLock       = "DISPATCH_LANE_LEASE_LOCK_PATH"
)

// LockName is the stable lock file's name, next to the journal.
const LockName = "lane-journal.lock"

// ForWorkspace returns the lane journal of ws: [paths] lane_journal, with
// DISPATCH_LANE_JOURNAL_PATH then JOB_LANE_JOURNAL_PATH overriding it.
// Relative overrides are taken from the state root.
func ForWorkspace(ws *workspace.Workspace, getenv func(string) string) *Journal {
	if getenv == nil {
		getenv = os.Getenv
	}
	p := ws.Config.Paths.LaneJournal
	for _, k := range []string{EnvJournal, EnvJobJournal} {
		if v := getenv(k); v != "" {
			p = v
			break
		}
	}
	if !filepath.IsAbs(p) {
		p = filepath.Join(ws.StateRoot, p)
	}
	j := New(p)
	if v := getenv(EnvLock); v != "" {
		if !filepath.IsAbs(v) {
			v = filepath.Join(ws.StateRoot, v)
		}
		j.LockPath = v
	} else if special(p) {
		// A device (/dev/full, /dev/null) has no directory of ours to
		// hold the lock; use the workspace's own .dos/.
		j.LockPath = filepath.Join(ws.DotDos(), LockName)
	}
	return j
}

// New returns the journal at path, with the lock file beside it and the
// fold cache at path + ".fold".
func New(path string) *Journal {
	j := &Journal{Path: path, LockPath: filepath.Join(filepath.Dir(path), LockName), CachePath: path + ".fold"}
	if special(path) {
		j.CachePath = ""
	}
	return j
}

// special reports whether path exists and is not a regular file.
func special(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.Mode().IsRegular()
}

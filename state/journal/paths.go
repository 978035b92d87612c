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

// RefLockName is the reference tool's lane-lease lock file, next to the
// journal (DISPATCH_LANE_LEASE_LOCK_PATH moves it).
const RefLockName = ".lane-lease.lock"

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
		j.RefLockPath = v
	} else if special(p) {
		// A device (/dev/full, /dev/null) has no directory of ours to
		// hold the locks; use the workspace's own .dos/.
		j.RefLockPath = filepath.Join(ws.DotDos(), RefLockName)
	}
	// dos's flock sits beside the reference's lock file, so every dos
	// process that takes one lock file takes the same flock first.
	j.LockPath = filepath.Join(filepath.Dir(j.RefLockPath), LockName)
	return j
}

// New returns the journal at path, with both lock files beside it and the
// fold cache at path + ".fold". A device has no lock files or cache of its
// own: the caller sets them.
func New(path string) *Journal {
	dir := filepath.Dir(path)
	j := &Journal{Path: path, LockPath: filepath.Join(dir, LockName), RefLockPath: filepath.Join(dir, RefLockName), CachePath: path + ".fold"}
	if special(path) {
		j.CachePath, j.RefLockPath = "", ""
	}
	return j
}

// special reports whether path exists and is not a regular file.
func special(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && !fi.Mode().IsRegular()
}

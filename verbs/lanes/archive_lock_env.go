package lanes

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/state/lock"
)

// archiveLock is the archive lock of env's workspace:
// $DISPATCH_ARCHIVE_LOCK_PATH, else <leases_dir>/.archive.lock. write
// says the caller may change it, so .dos/ is created first; a reader
// creates nothing.
func archiveLock(env *call.Env, write bool) (lock.Archive, error) {
	if p := env.Getenv("DISPATCH_ARCHIVE_LOCK_PATH"); p != "" {
		if !filepath.IsAbs(p) {
			p = filepath.Join(env.Cwd, p)
		}
		return lock.NewArchive(p), nil
	}
	ws, err := env.Workspace()
	if err != nil {
		return lock.Archive{}, err
	}
	if write {
		_, _ = ws.EnsureDotDos() // best effort: the lock file reports its own error
	}
	return lock.NewArchive(filepath.Join(ws.Config.Paths.LeasesDir, ".archive.lock")), nil
}

// ageText renders an age as "<n>s", or "?s" when unknown.
func ageText(d time.Duration, ok bool) string {
	if !ok {
		return "?s"
	}
	return fmt.Sprintf("%ds", int64(d.Seconds()))
}

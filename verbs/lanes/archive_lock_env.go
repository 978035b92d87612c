package lanes

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/state/lock"
	"github.com/dispatchos/dos/state/safefile"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/filestore"
)

// archiveLock is the archive lock file of env's workspace:
// $DISPATCH_ARCHIVE_LOCK_PATH, else <leases_dir>/.archive.lock. write
// says the caller may change it, so .dos/ is created first; a reader
// creates nothing.
func archiveLock(env *call.Env, write bool) (lock.Archive, error) {
	if p := env.Getenv("DISPATCH_ARCHIVE_LOCK_PATH"); p != "" {
		if !filepath.IsAbs(p) {
			p = filepath.Join(env.WorkDir(), p)
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

// archiveHome is where env's archive lock lives: the [fleet] store when
// the workspace names one (the lock is then cluster-wide, whatever
// DISPATCH_ARCHIVE_LOCK_PATH says), else the lock file. fail wraps an
// error of the lock file with its path; a fleet's errors name their
// endpoints already.
type archiveHome struct {
	store.Store
	shared bool
	path   string
}

// openArchive opens env's archive lock. A fleet store that cannot be
// opened is an error wrapping store.ErrUnavailable.
func openArchive(env *call.Env, write bool) (*archiveHome, error) {
	shared, err := sharedStore(env)
	if err != nil {
		return nil, err
	}
	if shared != nil {
		return &archiveHome{Store: shared, shared: true}, nil
	}
	al, err := archiveLock(env, write)
	if err != nil {
		return nil, err
	}
	return &archiveHome{Store: &filestore.Store{Archive: al, Now: env.Now}, path: al.Path}, nil
}

func (h *archiveHome) fail(err error) error {
	if h.shared {
		return err
	}
	return safefile.Wrap("archive lock", h.path, err)
}

// holdBody is the lock body of a hold found in place.
func holdBody(h store.ArchiveHold) *lock.Body {
	return &lock.Body{Owner: h.Owner, AcquiredAt: h.AcquiredAt, PID: h.PID}
}

// ageText renders an age as "<n>s", or "?s" when unknown.
func ageText(d time.Duration, ok bool) string {
	if !ok {
		return "?s"
	}
	return fmt.Sprintf("%ds", int64(d.Seconds()))
}

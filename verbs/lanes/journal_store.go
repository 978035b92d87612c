package lanes

import (
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/state/idalloc"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/filestore"
)

// The journal verbs (replay, tail, seq, compact, export) and fleet import
// read and write the journal through store.Store: the [fleet] store when
// dos.toml names one, else the workspace's lane journal as a
// filestore.Store, so both backends answer through one path.

// journalStore opens the workspace's journal store; write says the verb
// may write (.dos/ is created first). A shared store that cannot be
// opened is an error wrapping store.ErrUnavailable.
func journalStore(env *call.Env, wait float64, write bool) (*laneShell, store.Store, error) {
	sh, err := openLanes(env, wait, write)
	if err != nil {
		return nil, nil, err
	}
	shared, err := sh.shared(env)
	if err != nil || shared != nil {
		return sh, shared, err
	}
	ids, err := idAllocDir(env, false)
	if err != nil {
		return nil, nil, err
	}
	arch, err := archiveLock(env, false)
	if err != nil {
		return nil, nil, err
	}
	now := sh.now
	return sh, &filestore.Store{
		J: sh.j, Expiry: sh.cfg.Expiry, Wait: sh.cfg.Wait, HostID: sh.cfg.HostID,
		IDs: idalloc.Allocator{Dir: ids, Wait: sh.cfg.Wait}, Archive: arch,
		Now: func() time.Time { return now },
	}, nil
}

// readJournal opens the workspace's journal store (the fleet's, or the
// file journal), runs read on it and closes it; source names the store.
// A store that does not answer, at the open or during read, is an error
// storeDown recognises.
func readJournal[T any](env *call.Env, read func(store.Store) (T, error)) (v T, source string, err error) {
	_, st, err := journalStore(env, 0, false)
	if err != nil {
		return v, "", err
	}
	defer st.Close()
	v, err = read(st)
	return v, st.Source(), err
}

// readDown is the exit-4 answer of a read verb whose shared store did not
// answer: LOCK_BUSY with outcome "store-unavailable" and the error, which
// names the endpoints.
func readDown[R any](body R, err error) *call.Reply[R] {
	return &call.Reply[R]{
		Verdict:        LockBusy,
		Text:           "lease store unavailable: " + err.Error(),
		Body:           body,
		Interpretation: "WAIT — the shared lease store did not answer, so nothing could be read. Retry, or check it with dos doctor.",
	}
}

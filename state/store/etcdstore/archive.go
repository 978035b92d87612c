package etcdstore

import (
	"context"
	"os"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"

	"github.com/dispatchos/dos/state/store"
)

// archiveLock is a held archive lock: a mutex in a session whose TTL
// bounds how long a dead holder keeps it.
type archiveLock struct {
	s   *Store
	ses *concurrency.Session
	mu  *concurrency.Mutex
}

// LockArchive takes the archive lock (concurrency.NewMutex under
// archive-lock/) in a session of ttl (at least 1s), waiting as long as ctx
// allows, and names owner in the lock key.
func (s *Store) LockArchive(ctx context.Context, owner string, ttl time.Duration) (store.ArchiveLock, error) {
	ses, err := concurrency.NewSession(s.cli, concurrency.WithTTL(int(ttlSeconds(ttl))), concurrency.WithContext(ctx))
	if err != nil {
		return nil, s.unavailable("open a session", err)
	}
	mu := concurrency.NewMutex(ses, s.key("archive-lock"))
	if err := mu.Lock(ctx); err != nil {
		ses.Close()
		return nil, s.unavailable("take the archive lock", err)
	}
	c, cancel := s.op(ctx)
	defer cancel()
	if _, err := s.cli.Put(c, mu.Key(), s.holdValue(owner, os.Getpid()), clientv3.WithLease(ses.Lease())); err != nil {
		mu.Unlock(c)
		ses.Close()
		return nil, s.unavailable("name the archive lock's holder", err)
	}
	return &archiveLock{s: s, ses: ses, mu: mu}, nil
}

// Unlock releases the mutex and ends the session.
func (a *archiveLock) Unlock(ctx context.Context) error {
	c, cancel := a.s.op(ctx)
	defer cancel()
	err := a.mu.Unlock(c)
	a.ses.Close()
	if err != nil {
		return a.s.unavailable("release the archive lock", err)
	}
	return nil
}

// ArchiveHolder names the holder: the owner [Store.ReadArchive] reads.
func (s *Store) ArchiveHolder(ctx context.Context) (string, bool, error) {
	h, ok, err := s.ReadArchive(ctx)
	return h.Owner, ok, err
}

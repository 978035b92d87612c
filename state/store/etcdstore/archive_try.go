package etcdstore

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"go.etcd.io/etcd/api/v3/mvccpb"
	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
)

// The archive lock for processes that take it and exit (dos lease): the
// holder is the key under archive-lock/ with the lowest CreateRevision,
// as for LockArchive's mutex, attached to an etcd lease of the lock's
// TTL that nobody keeps alive, so the server frees the lock when the TTL
// passes. Its value names the holder.

// archiveAttempts bounds the rounds of one try or release that lose a
// race to another writer of the lock.
const archiveAttempts = 16

// holdJSON is the value of an archive-lock key.
type holdJSON struct {
	Owner      string `json:"owner"`
	AcquiredAt string `json:"acquired_at"`
	PID        int    `json:"pid"`
	HostID     string `json:"host_id,omitempty"`
}

// holdValue is the value naming owner as the holder, taken now.
func (s *Store) holdValue(owner string, pid int) string {
	b, _ := json.Marshal(holdJSON{Owner: owner, AcquiredAt: lease.FormatStamp(time.Now()), PID: pid, HostID: s.cfg.HostID})
	return string(b)
}

// decodeHold reads an archive-lock value; one that is not JSON is the
// owner alone (an empty value is a mutex key not yet named).
func decodeHold(v []byte, now time.Time) store.ArchiveHold {
	var j holdJSON
	if err := json.Unmarshal(v, &j); err != nil {
		return store.ArchiveHold{Owner: string(v)}
	}
	h := store.ArchiveHold{Owner: j.Owner, AcquiredAt: j.AcquiredAt, PID: j.PID, HostID: j.HostID}
	if t, ok := lease.ParseStamp(j.AcquiredAt); ok {
		h.Age, h.AgeKnown = now.Sub(t), true
	}
	return h
}

// archiveHead reads the archive lock's holding key; nil when it is free.
func (s *Store) archiveHead(ctx context.Context) (*mvccpb.KeyValue, error) {
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Get(c, s.key("archive-lock/"), clientv3.WithPrefix(),
		clientv3.WithSort(clientv3.SortByCreateRevision, clientv3.SortAscend), clientv3.WithLimit(1))
	if err != nil {
		return nil, s.unavailable("read the archive lock", err)
	}
	if len(resp.Kvs) == 0 {
		return nil, nil
	}
	return resp.Kvs[0], nil
}

// TryArchive takes a free lock (a key created only while no key is under
// archive-lock/), refreshes owner's own lock (the same key, so the same
// place in line, moved to a new etcd lease of ttl), and leaves anyone
// else's alone: their TTL runs on the server clock, so nothing is stolen.
func (s *Store) TryArchive(ctx context.Context, owner string, pid int, ttl time.Duration) (store.ArchiveTry, error) {
	pfx := s.key("archive-lock/")
	for range archiveAttempts {
		kv, err := s.archiveHead(ctx)
		if err != nil {
			return store.ArchiveTry{}, err
		}
		var at store.ArchiveTry
		if kv != nil {
			at.Prev, at.Held = decodeHold(kv.Value, time.Now()), true
			if at.Prev.Owner != owner {
				at.Action = lease.ArchiveBusy
				return at, nil
			}
		}
		won, err := s.archiveWrite(ctx, pfx, kv, owner, pid, ttl)
		if err != nil {
			return store.ArchiveTry{}, err
		}
		if !won {
			continue // another writer moved first: look again
		}
		at.Action = lease.ArchiveAcquire
		if kv != nil {
			at.Action = lease.ArchiveReenter
			s.revoke(ctx, clientv3.LeaseID(kv.Lease))
		}
		return at, nil
	}
	return store.ArchiveTry{}, fmt.Errorf("archive lock: every try lost a race: %w", store.ErrBusy)
}

// archiveWrite names owner as the holder on a new etcd lease of ttl: on a
// new key when head is nil and the lock is still free, else on head's
// key if it is unchanged. won is false (and the etcd lease revoked) when
// the condition failed.
func (s *Store) archiveWrite(ctx context.Context, pfx string, head *mvccpb.KeyValue, owner string, pid int, ttl time.Duration) (bool, error) {
	c, cancel := s.op(ctx)
	defer cancel()
	g, err := s.cli.Grant(c, ttlSeconds(ttl))
	if err != nil {
		return false, s.unavailable("grant the archive lock's etcd lease", err)
	}
	key, cond := pfx+fmt.Sprintf("%x", int64(g.ID)), clientv3.Compare(clientv3.CreateRevision(pfx), "=", 0).WithPrefix()
	if head != nil {
		key, cond = string(head.Key), clientv3.Compare(clientv3.ModRevision(string(head.Key)), "=", head.ModRevision)
	}
	resp, err := s.cli.Txn(c).If(cond).Then(clientv3.OpPut(key, s.holdValue(owner, pid), clientv3.WithLease(g.ID))).Commit()
	if err != nil || !resp.Succeeded {
		s.revoke(ctx, g.ID)
	}
	if err != nil {
		return false, s.unavailable("take the archive lock", err)
	}
	return resp.Succeeded, nil
}

// ReleaseArchive deletes the holding key when owner holds it (or anyone
// does, with force; a holder not yet named counts as owner's), then
// revokes its etcd lease.
func (s *Store) ReleaseArchive(ctx context.Context, owner string, force bool) (store.ArchiveRelease, error) {
	for range archiveAttempts {
		kv, err := s.archiveHead(ctx)
		if err != nil || kv == nil {
			return store.ArchiveRelease{}, err
		}
		r := store.ArchiveRelease{Prev: decodeHold(kv.Value, time.Now()), Held: true}
		if r.Prev.Owner != owner && r.Prev.Owner != "" && !force {
			return r, nil
		}
		c, cancel := s.op(ctx)
		resp, err := s.cli.Txn(c).If(clientv3.Compare(clientv3.ModRevision(string(kv.Key)), "=", kv.ModRevision)).
			Then(clientv3.OpDelete(string(kv.Key))).Commit()
		cancel()
		if err != nil {
			return store.ArchiveRelease{}, s.unavailable("release the archive lock", err)
		}
		if !resp.Succeeded {
			continue
		}
		if kv.Lease != 0 {
			s.revoke(ctx, clientv3.LeaseID(kv.Lease))
		}
		r.Removed = true
		return r, nil
	}
	return store.ArchiveRelease{}, fmt.Errorf("archive lock: every release lost a race: %w", store.ErrBusy)
}

// ReadArchive reads the holding key.
func (s *Store) ReadArchive(ctx context.Context) (store.ArchiveHold, bool, error) {
	kv, err := s.archiveHead(ctx)
	if err != nil || kv == nil {
		return store.ArchiveHold{}, false, err
	}
	return decodeHold(kv.Value, time.Now()), true, nil
}

package etcdstore

import (
	"context"
	"errors"
	"sync"

	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"
)

// maxSpares bounds the etcd leases one Store keeps for reuse.
const maxSpares = 8

// spare is an etcd lease that no key is attached to any more (its dos
// lease was released by this Store), kept to back the next grant of the
// same holder and TTL instead of revoking it and granting a new one. A
// heartbeat of the released lease that read its key before the release
// may still renew the etcd lease once; spares are kept per holder so that
// such a late renewal only ever reaches a lease of the same holder.
type spare struct {
	id     clientv3.LeaseID
	ttl    int64
	holder string
}

// spares is a Store's pool of spare etcd leases.
type spares struct {
	mu   sync.Mutex
	free []spare
}

// take removes and returns a spare of holder and ttl.
func (p *spares) take(holder string, ttl int64) (spare, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := len(p.free) - 1; i >= 0; i-- {
		if sp := p.free[i]; sp.holder == holder && sp.ttl == ttl {
			p.free = append(p.free[:i], p.free[i+1:]...)
			return sp, true
		}
	}
	return spare{}, false
}

// put keeps sp; false when the pool is full (the caller revokes it).
func (p *spares) put(sp spare) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.free) >= maxSpares {
		return false
	}
	p.free = append(p.free, sp)
	return true
}

// drain empties the pool and returns what it held.
func (p *spares) drain() []spare {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.free
	p.free = nil
	return out
}

// etcdLease returns an etcd lease of ttl seconds for a grant to holder,
// whose TTL runs from now: a spare renewed by one keep-alive (a request
// the leader answers without a raft write), or a new grant when there is
// none or it already expired.
func (s *Store) etcdLease(ctx context.Context, holder string, ttl int64) (spare, error) {
	for {
		sp, ok := s.spares.take(holder, ttl)
		if !ok {
			break
		}
		c, cancel := s.op(ctx)
		_, err := s.cli.KeepAliveOnce(c, sp.id)
		cancel()
		if err == nil {
			return sp, nil
		}
		if !errors.Is(err, rpctypes.ErrLeaseNotFound) {
			return sp, s.unavailable("renew a spare etcd lease", err)
		}
	}
	c, cancel := s.op(ctx)
	defer cancel()
	g, err := s.cli.Grant(c, ttl)
	if err != nil {
		return spare{}, s.unavailable("grant an etcd lease", err)
	}
	return spare{id: g.ID, ttl: ttl, holder: holder}, nil
}

// retire hands back an etcd lease no key is attached to: kept as a spare,
// or revoked when the pool is full.
func (s *Store) retire(ctx context.Context, sp spare) {
	if !s.spares.put(sp) {
		s.revoke(ctx, sp.id)
	}
}

// revokeSpares revokes every spare, in parallel, on one deadline; best
// effort (an unrevoked spare expires at its TTL).
func (s *Store) revokeSpares() {
	free := s.spares.drain()
	if len(free) == 0 {
		return
	}
	c, cancel := context.WithTimeout(context.Background(), s.cfg.OpTimeout)
	defer cancel()
	var wg sync.WaitGroup
	for _, sp := range free {
		wg.Go(func() { s.cli.Revoke(c, sp.id) })
	}
	wg.Wait()
}

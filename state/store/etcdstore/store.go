package etcdstore

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"

	"github.com/dispatchos/dos/state/store"
)

// Store is a store.Store on one etcd cluster.
type Store struct {
	cli    *clientv3.Client
	cfg    Config
	tls    *tls.Config // nil for plain http
	prefix string
	// spares are freed etcd leases kept for the next grants; fresh is the
	// read of the last lost grant race, for the retry.
	spares spares
	fresh  freshRead
}

var _ store.Store = (*Store)(nil)

// Open connects to the cluster named by cfg. Connecting is lazy: an
// unreachable cluster shows on the first request, as store.ErrUnavailable.
func Open(cfg Config) (*Store, error) {
	cfg = cfg.withDefaults()
	if len(cfg.Endpoints) == 0 {
		return nil, errors.New("etcd: no endpoints configured")
	}
	if cfg.Fleet == "" || strings.Contains(cfg.Fleet, "/") {
		return nil, fmt.Errorf("etcd: fleet name %q must be non-empty and have no '/'", cfg.Fleet)
	}
	t, err := cfg.tls()
	if err != nil {
		return nil, err
	}
	if t != nil {
		for _, e := range cfg.Endpoints {
			if !strings.HasPrefix(e, "https://") {
				return nil, fmt.Errorf("etcd: TLS files are set but endpoint %s is not https:// (the client would talk to it in plain text)", e)
			}
		}
	}
	cli, err := clientv3.New(clientv3.Config{
		Endpoints: cfg.Endpoints, DialTimeout: cfg.DialTimeout, TLS: t, Logger: zap.NewNop(),
	})
	if err != nil {
		return nil, fmt.Errorf("etcd %s: %w: %w", strings.Join(cfg.Endpoints, ","), store.ErrUnavailable, err)
	}
	return &Store{cli: cli, cfg: cfg, tls: t, prefix: "/dos/v1/" + cfg.Fleet + "/"}, nil
}

// Close revokes the spare etcd leases (best effort) and closes the client.
func (s *Store) Close() error {
	s.revokeSpares()
	return s.cli.Close()
}

// Client is the underlying etcd client (for health checks).
func (s *Store) Client() *clientv3.Client { return s.cli }

// Prefix is the fleet's key prefix.
func (s *Store) Prefix() string { return s.prefix }

func (s *Store) key(parts ...string) string { return s.prefix + strings.Join(parts, "") }

// op bounds one request by the configured timeout.
func (s *Store) op(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, s.cfg.OpTimeout)
}

// unavailable wraps a client error as store.ErrUnavailable, naming the
// endpoints and what was being done; when the client gave up on reaching
// the cluster, it adds what dialing each endpoint found (a refused
// connection, a certificate the CA did not sign, ...).
func (s *Store) unavailable(what string, err error) error {
	eps := strings.Join(s.cfg.Endpoints, ",")
	if transient(err) {
		if why := s.diagnose(); why != "" {
			return fmt.Errorf("etcd %s: %s: %w: %w (%s)", eps, what, store.ErrUnavailable, err, why)
		}
	}
	return fmt.Errorf("etcd %s: %s: %w: %w", eps, what, store.ErrUnavailable, err)
}

// eventKey is a new journal key: sortable by time, unique by entropy.
func (s *Store) eventKey(now time.Time) string {
	return s.key("journal/", fmt.Sprintf("%020d-%08x", now.UnixNano(), rand.Uint32()))
}

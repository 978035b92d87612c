package etcdstore

import (
	"crypto/tls"
	"fmt"
	"time"

	"go.etcd.io/etcd/client/pkg/v3/transport"
)

// Defaults of [Config].
const (
	DefaultDialTimeout = 5 * time.Second
	DefaultOpTimeout   = 5 * time.Second
	// DefaultTTL is the lease TTL used when a lease names none (the
	// 50-minute backstop of the file journal's expiry rule).
	DefaultTTL = 50 * time.Minute
)

// Config says how to reach the cluster and which fleet to work in.
type Config struct {
	// Endpoints are the client URLs of the cluster's members.
	Endpoints []string
	// Fleet names the key space: keys live under /dos/v1/<Fleet>/.
	Fleet string
	// DialTimeout bounds connecting; OpTimeout bounds each request.
	DialTimeout time.Duration
	OpTimeout   time.Duration
	// CertFile, KeyFile and CAFile turn on TLS when any is set.
	CertFile, KeyFile, CAFile string
	// HostID is stamped on the SCAVENGE records this client writes.
	HostID string
	// DefaultTTL is the TTL of a lease that names none.
	DefaultTTL time.Duration
	// Grace is added to every lease's TTL, so a lease expires when the
	// file journal's rule would expire it (ttl plus grace since the newest
	// beat); 0 in tests that want a TTL of seconds.
	Grace time.Duration
}

func (c Config) withDefaults() Config {
	if c.DialTimeout <= 0 {
		c.DialTimeout = DefaultDialTimeout
	}
	if c.OpTimeout <= 0 {
		c.OpTimeout = DefaultOpTimeout
	}
	if c.DefaultTTL <= 0 {
		c.DefaultTTL = DefaultTTL
	}
	return c
}

func (c Config) tls() (*tls.Config, error) {
	if c.CertFile == "" && c.KeyFile == "" && c.CAFile == "" {
		return nil, nil
	}
	info := transport.TLSInfo{CertFile: c.CertFile, KeyFile: c.KeyFile, TrustedCAFile: c.CAFile}
	t, err := info.ClientConfig()
	if err != nil {
		return nil, fmt.Errorf("etcd TLS files: %w", err)
	}
	return t, nil
}

//go:build etcd

// Package etcdtest starts an embedded etcd cluster on loopback for tests
// and benchmarks (build tag etcd): no external binary, ephemeral ports.
package etcdtest

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.etcd.io/etcd/client/pkg/v3/transport"
	"go.etcd.io/etcd/server/v3/embed"
)

// Cluster is an embedded etcd cluster.
type Cluster struct {
	// Endpoints are the members' client URLs, in member order.
	Endpoints []string
	members   []*embed.Etcd
}

// freeURL is a loopback URL of scheme on a port that was free a moment
// ago.
func freeURL(scheme string) (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return scheme + "://" + l.Addr().String(), nil
}

func mustURL(s string) url.URL {
	u, err := url.Parse(s)
	if err != nil {
		panic(err)
	}
	return *u
}

// Start starts n members with data under dir and fast elections (50ms
// ticks, 500ms election timeout, so the shortest lease TTL is 1s), and
// waits until they serve.
func Start(dir string, n int) (*Cluster, error) { return StartTLS(dir, n, nil) }

// StartTLS is [Start] with the client URLs served over TLS (https) with
// tls's server certificate when tls is not nil; tls.ClientCertAuth makes
// the members require a client certificate signed by tls.TrustedCAFile.
func StartTLS(dir string, n int, tls *transport.TLSInfo) (*Cluster, error) {
	scheme := "http"
	if tls != nil {
		scheme = "https"
	}
	c := &Cluster{members: make([]*embed.Etcd, n)}
	peers := make([]string, n)
	var initial []string
	for i := range n {
		p, err := freeURL("http")
		if err != nil {
			return nil, err
		}
		e, err := freeURL(scheme)
		if err != nil {
			return nil, err
		}
		peers[i] = p
		c.Endpoints = append(c.Endpoints, e)
		initial = append(initial, fmt.Sprintf("m%d=%s", i, p))
	}
	errs := make([]error, n)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for i := range n {
		cfg := embed.NewConfig()
		cfg.Name = fmt.Sprintf("m%d", i)
		cfg.Dir = filepath.Join(dir, cfg.Name)
		cfg.LogLevel = "error"
		cfg.LogOutputs = []string{"/dev/null"}
		cfg.TickMs, cfg.ElectionMs = 50, 500
		cfg.ListenPeerUrls = []url.URL{mustURL(peers[i])}
		cfg.AdvertisePeerUrls = cfg.ListenPeerUrls
		cfg.ListenClientUrls = []url.URL{mustURL(c.Endpoints[i])}
		cfg.AdvertiseClientUrls = cfg.ListenClientUrls
		if tls != nil {
			cfg.ClientTLSInfo = *tls
		}
		cfg.InitialCluster = strings.Join(initial, ",")
		cfg.InitialClusterToken = "dos-test"
		cfg.ClusterState = embed.ClusterStateFlagNew
		wg.Go(func() {
			e, err := embed.StartEtcd(cfg)
			if err != nil {
				errs[i] = err
				return
			}
			mu.Lock()
			c.members[i] = e
			mu.Unlock()
			select {
			case <-e.Server.ReadyNotify():
			case <-time.After(30 * time.Second):
				errs[i] = fmt.Errorf("member m%d not ready after 30s", i)
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		c.Stop()
		return nil, err
	}
	return c, nil
}

// Kill stops member i.
func (c *Cluster) Kill(i int) {
	if c.members[i] != nil {
		c.members[i].Close()
		c.members[i] = nil
	}
}

// Stop stops every member.
func (c *Cluster) Stop() {
	for i := range c.members {
		c.Kill(i)
	}
}

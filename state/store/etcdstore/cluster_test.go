//go:build etcd

package etcdstore

import (
	"testing"

	"github.com/dispatchos/dos/state/store/etcdstore/etcdtest"
)

// cluster wraps an embedded cluster for tests.
type cluster struct {
	*etcdtest.Cluster
	endpoints []string
}

// startCluster starts n members, stopped when the test ends.
func startCluster(t *testing.T, n int) *cluster {
	t.Helper()
	c, err := etcdtest.Start(t.TempDir(), n)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Stop)
	return &cluster{Cluster: c, endpoints: c.Endpoints}
}

func (c *cluster) kill(i int) { c.Kill(i) }
func (c *cluster) stop()      { c.Stop() }

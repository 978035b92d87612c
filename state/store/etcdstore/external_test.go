//go:build etcd

package etcdstore

import (
	"os"
	"strings"
	"testing"

	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/storetest"
)

// TestExternalConformance runs the conformance suite against a running
// etcd (for instance Debian's etcd-server 3.4) named by
// DOS_TEST_ETCD_ENDPOINTS; skipped when it is unset.
func TestExternalConformance(t *testing.T) {
	v := os.Getenv("DOS_TEST_ETCD_ENDPOINTS")
	if v == "" {
		t.Skip("DOS_TEST_ETCD_ENDPOINTS is not set")
	}
	eps := strings.Split(v, ",")
	storetest.Run(t, func(t *testing.T) store.Store { return open(t, eps, "") })
	t.Run("Race", func(t *testing.T) {
		res, g, fleet := race(t, eps, 16, 4, 0, nil, 0)
		for _, b := range g.bad {
			t.Error(b)
		}
		checkAcked(t, eps, fleet, res)
	})
	t.Run("KeepAliveStopped", func(t *testing.T) { keepAliveStopped(t, eps) })
	t.Run("RoundTrips", func(t *testing.T) { roundTrips(t, eps) })
	t.Run("SpareReuse", func(t *testing.T) { spareReuse(t, eps) })
	t.Run("ReusedLeaseExpires", func(t *testing.T) { reusedLeaseExpires(t, eps) })
}

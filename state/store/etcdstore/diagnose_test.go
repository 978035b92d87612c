//go:build etcd

package etcdstore

import (
	"strings"
	"testing"
	"time"

	"go.etcd.io/etcd/client/pkg/v3/transport"

	"github.com/dispatchos/dos/state/store/etcdstore/etcdtest"
)

// A diagnosis finds nothing wrong with members that answer, over http or
// TLS, and names a member that is down.
func TestDiagnose(t *testing.T) {
	plain := startCluster(t, 2)
	s := open(t, plain.endpoints, "")
	if why := s.diagnose(); why != "" {
		t.Fatalf("healthy plain members diagnosed: %s", why)
	}
	plain.kill(1)
	if why := s.diagnose(); !strings.Contains(why, plain.endpoints[1]+": ") || !strings.Contains(why, "connection refused") || strings.Contains(why, plain.endpoints[0]) {
		t.Fatalf("a killed member diagnosed as %q", why)
	}

	certs, err := etcdtest.WriteCerts(t.TempDir(), "d")
	if err != nil {
		t.Fatal(err)
	}
	c, err := etcdtest.StartTLS(t.TempDir(), 1, &transport.TLSInfo{
		CertFile: certs.ServerCert, KeyFile: certs.ServerKey, TrustedCAFile: certs.CA, ClientCertAuth: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	ts, err := Open(Config{Endpoints: c.Endpoints, Fleet: "d", CertFile: certs.ClientCert, KeyFile: certs.ClientKey, CAFile: certs.CA, DialTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer ts.Close()
	if why := ts.diagnose(); why != "" {
		t.Fatalf("a healthy TLS member diagnosed: %s", why)
	}
}

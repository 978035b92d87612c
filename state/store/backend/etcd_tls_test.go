//go:build etcd

package backend

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"go.etcd.io/etcd/client/pkg/v3/transport"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/etcdstore/etcdtest"
	"github.com/dispatchos/dos/state/store/storetest"
	"github.com/dispatchos/dos/workspace"
)

// A member serving clients over TLS and requiring a client certificate:
// the [fleet] TLS files connect and grant; a CA that did not sign the
// server's certificate, a client certificate of another CA, none at all,
// or TLS files with an http:// endpoint fail closed, saying why.
func TestEtcdTLS(t *testing.T) {
	dir := t.TempDir()
	good, err := etcdtest.WriteCerts(dir, "fleet")
	if err != nil {
		t.Fatal(err)
	}
	other, err := etcdtest.WriteCerts(dir, "other")
	if err != nil {
		t.Fatal(err)
	}
	c, err := etcdtest.StartTLS(t.TempDir(), 1, &transport.TLSInfo{
		CertFile: good.ServerCert, KeyFile: good.ServerKey, TrustedCAFile: good.CA, ClientCertAuth: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	noenv := func(string) string { return "" }
	fleet := func(cert, key, ca string) workspace.FleetConfig {
		return workspace.FleetConfig{Backend: workspace.BackendEtcd, Name: "tls", Endpoints: c.Endpoints,
			CertFile: cert, KeyFile: key, CAFile: ca, DialTimeoutMS: 1500}
	}
	acquire := func(f workspace.FleetConfig) (store.AcquireResult, error) {
		s, err := Open(f, noenv, "h")
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		res, err := store.Acquire(context.Background(), s, time.Now(), storetest.Config("h"), store.AcquireInput{
			Request: admission.Request{Lane: "l0", Owner: "alice"}, TTLMinutes: 5})
		if err == nil && res.Lease != nil {
			if ok, err := s.Release(context.Background(), res.Lease.LeaseID, "alice", lease.ReleaseOf(*res.Lease, "h", "alice")); !ok || err != nil {
				t.Fatalf("release over TLS: %v %v", ok, err)
			}
		}
		return res, err
	}

	if res, err := acquire(fleet(good.ClientCert, good.ClientKey, good.CA)); err != nil || res.Lease == nil || res.Generation <= 0 {
		t.Fatalf("grant over TLS: %+v %v", res, err)
	}
	for _, c := range []struct {
		name string
		f    workspace.FleetConfig
		want string
	}{
		{"ca_file of another CA", fleet(good.ClientCert, good.ClientKey, other.CA), "certificate signed by unknown authority (the server's certificate is not signed by the CA of ca_file)"},
		{"client certificate of another CA", fleet(other.ClientCert, other.ClientKey, good.CA), "the server refused the client certificate"},
		{"no client certificate", fleet("", "", good.CA), "the server refused the client certificate"},
	} {
		res, err := acquire(c.f)
		if !errors.Is(err, store.ErrUnavailable) || res.Lease != nil || res.Journaled {
			t.Errorf("%s: %+v %v, want unavailable and no grant", c.name, res, err)
			continue
		}
		if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), c.f.Endpoints[0]) {
			t.Errorf("%s: the error does not say %q for %s: %v", c.name, c.want, c.f.Endpoints[0], err)
		}
	}
	f := fleet(good.ClientCert, good.ClientKey, good.CA)
	f.Endpoints = []string{"http://" + strings.TrimPrefix(c.Endpoints[0], "https://")}
	if _, err := Open(f, noenv, "h"); !errors.Is(err, store.ErrUnavailable) || !strings.Contains(err.Error(), "not https://") {
		t.Fatalf("TLS files with an http:// endpoint: %v", err)
	}
}

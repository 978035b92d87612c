//go:build etcd

package backend

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/etcdstore/etcdtest"
	"github.com/dispatchos/dos/workspace"
)

func TestEtcdOpenAndHealth(t *testing.T) {
	c, err := etcdtest.Start(t.TempDir(), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := "http://" + l.Addr().String()
	l.Close()
	f := workspace.FleetConfig{Backend: workspace.BackendEtcd, Endpoints: []string{"http://192.0.2.1:1"}, Name: "x", DialTimeoutMS: 2000}
	env := map[string]string{workspace.EnvEndpoints: c.Endpoints[0] + "," + dead}
	getenv := func(k string) string { return env[k] }
	eps, err := Health(context.Background(), f, getenv, 3*time.Second)
	if err != nil || len(eps) != 2 {
		t.Fatalf("health %v %v", eps, err)
	}
	if !eps[0].OK || !eps[0].Leader || eps[0].Version == "" || eps[0].URL != c.Endpoints[0] {
		t.Errorf("live member: %+v", eps[0])
	}
	if eps[1].OK || eps[1].Error == "" {
		t.Errorf("dead endpoint reported healthy: %+v", eps[1])
	}
	s, err := Open(f, getenv, "h")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.AllocID(context.Background(), "x", 7); err != nil {
		t.Fatal(err)
	}
	f.Endpoints = nil
	if _, err := Open(f, func(string) string { return "" }, "h"); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("no endpoints: %v", err)
	}
}

package etcdstore

import (
	"context"
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/storetest"
)

func TestOpenRejectsBadConfig(t *testing.T) {
	for _, c := range []Config{
		{Fleet: "f"},
		{Endpoints: []string{"http://127.0.0.1:1"}},
		{Endpoints: []string{"http://127.0.0.1:1"}, Fleet: "a/b"},
		{Endpoints: []string{"http://127.0.0.1:1"}, Fleet: "f", CAFile: "/nonexistent/ca.pem"},
	} {
		if s, err := Open(c); err == nil {
			s.Close()
			t.Errorf("Open(%+v) accepted", c)
		}
	}
}

// Nothing listens on the endpoint: acquire fails closed, naming it.
func TestUnreachableFailsClosed(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ep := "http://" + l.Addr().String()
	l.Close()
	s, err := Open(Config{Endpoints: []string{ep}, Fleet: "f", DialTimeout: 300 * time.Millisecond, OpTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	res, err := store.Acquire(context.Background(), s, time.Now(), storetest.Config("h"), store.AcquireInput{
		Request: admission.Request{Lane: "l0", Owner: "a"}})
	if !errors.Is(err, store.ErrUnavailable) || res.Lease != nil || res.Journaled {
		t.Fatalf("acquire against nothing: %+v, %v", res, err)
	}
	if !strings.Contains(err.Error(), ep) {
		t.Fatalf("error does not name %s: %v", ep, err)
	}
	if _, err := s.AllocID(context.Background(), "x", 1); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("id-alloc against nothing: %v", err)
	}
}

// The etcd TTL is the lease's ttl (or the default) plus the grace, in
// whole seconds, at least 1.
func TestTTL(t *testing.T) {
	s := &Store{cfg: Config{DefaultTTL: 50 * time.Minute, Grace: 5 * time.Minute}}
	for _, c := range []struct {
		minutes float64
		want    int64
	}{{0, 3300}, {10, 900}, {0.5, 330}} {
		if got := s.ttl(lease.Lease{TTLMinutes: c.minutes}); got != c.want {
			t.Errorf("ttl(%v min) = %d s, want %d", c.minutes, got, c.want)
		}
	}
	if got := (&Store{cfg: Config{DefaultTTL: time.Minute}}).ttl(lease.Lease{TTLMinutes: 0.001}); got != 1 {
		t.Errorf("a sub-second ttl = %d s, want 1", got)
	}
}

//go:build !etcd

package backend

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/workspace"
)

// Without the etcd tag, an etcd fleet is refused as unavailable (callers
// fail closed), and its health cannot be probed.
func TestEtcdNotBuiltFailsClosed(t *testing.T) {
	f := workspace.FleetConfig{Backend: workspace.BackendEtcd, Endpoints: []string{"http://127.0.0.1:1"}, Name: "x"}
	_, err := Open(f, func(string) string { return "" }, "h")
	if !errors.Is(err, ErrNotBuilt) || !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("open: %v", err)
	}
	if _, err := Health(context.Background(), f, func(string) string { return "" }, time.Second); !errors.Is(err, ErrNotBuilt) {
		t.Fatalf("health: %v", err)
	}
	if !Shared(f) || Shared(workspace.DefaultFleet()) {
		t.Fatal("Shared")
	}
}

// Package backend opens the lease store a workspace's [fleet] table names.
//
// The file journal is the default and needs nothing from here (the lane
// verbs keep their one-lock path for it). The etcd backend links gRPC and
// net/http, which the dos binary keeps out of every call, so it is
// compiled in only with the build tag etcd (go build -tags etcd
// ./cmd/dos); a binary without it refuses to open an etcd fleet, and the
// lane verbs then fail closed (acquire exit 4, never a grant).
package backend

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/workspace"
)

// Opener opens a shared store from the [fleet] table (DOS_ETCD_ENDPOINTS
// already applied) with hostID stamped on what it writes.
type Opener func(f workspace.FleetConfig, hostID string) (store.Store, error)

// Prober reports the health of each endpoint of a shared store.
type Prober func(ctx context.Context, f workspace.FleetConfig) []Endpoint

// Endpoint is one member as seen from here.
type Endpoint struct {
	URL string `json:"url"`
	// OK is true when the member answered its status.
	OK bool `json:"ok"`
	// Member is its member id (hex), Version its server version, Leader
	// whether it leads; Error says why it did not answer.
	Member  string `json:"member,omitempty"`
	Version string `json:"version,omitempty"`
	Leader  bool   `json:"leader,omitempty"`
	Error   string `json:"error,omitempty"`
}

// openers and probers are the shared backends this binary was built with,
// filled by register (nil, and so free at start-up, in a default build).
var (
	openers map[string]Opener
	probers map[string]Prober
)

// register adds a shared backend (called from a build-tagged file).
func register(name string, o Opener, p Prober) {
	if openers == nil {
		openers, probers = map[string]Opener{}, map[string]Prober{}
	}
	openers[name], probers[name] = o, p
}

// ErrNotBuilt marks a backend this binary was built without.
var ErrNotBuilt = errors.New("this dos was built without that lease backend")

// Shared reports whether f names a shared (non-file) backend.
func Shared(f workspace.FleetConfig) bool {
	return f.Backend != "" && f.Backend != workspace.BackendFile
}

// Fleet opens the shared store f names, stamping hostID on what it
// writes; it returns nil (and no error) when f keeps the file journal.
// Every verb and hook that reads or writes leases opens its store here.
func Fleet(f workspace.FleetConfig, getenv func(string) string, hostID string) (store.Store, error) {
	if !Shared(f) {
		return nil, nil
	}
	return Open(f, getenv, hostID)
}

// Open opens the shared store f names. Every failure wraps
// store.ErrUnavailable, so a caller fails closed.
func Open(f workspace.FleetConfig, getenv func(string) string, hostID string) (store.Store, error) {
	f = f.WithEnv(getenv)
	o, ok := openers[f.Backend]
	if !ok {
		return nil, fmt.Errorf("[fleet] backend %q: %w (build with -tags %s): %w", f.Backend, ErrNotBuilt, f.Backend, store.ErrUnavailable)
	}
	if len(f.Endpoints) == 0 {
		return nil, fmt.Errorf("[fleet] backend %q has no endpoints (set endpoints or %s): %w", f.Backend, workspace.EnvEndpoints, store.ErrUnavailable)
	}
	s, err := o(f, hostID)
	if err != nil {
		return nil, fmt.Errorf("[fleet] backend %q: %w: %w", f.Backend, store.ErrUnavailable, err)
	}
	return s, nil
}

// Health probes every endpoint of the shared store f names, within
// timeout; nil when the backend is not built in.
func Health(ctx context.Context, f workspace.FleetConfig, getenv func(string) string, timeout time.Duration) ([]Endpoint, error) {
	f = f.WithEnv(getenv)
	p, ok := probers[f.Backend]
	if !ok {
		return nil, fmt.Errorf("[fleet] backend %q: %w (build with -tags %s)", f.Backend, ErrNotBuilt, f.Backend)
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return p(ctx, f), nil
}

package lanes

import (
	"context"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/filestore"
)

// readStore is the store the read-only lane questions ask: the [fleet]
// store when dos.toml names one (an error names its endpoints), else the
// lane journal, read without its lock and with expiry applied. Close it
// when done.
func (sh *laneShell) readStore(env *call.Env) (store.Store, error) {
	shared, err := sh.shared(env)
	if err != nil || shared != nil {
		return shared, err
	}
	return &filestore.Store{J: sh.j, Expiry: sh.cfg.Expiry, Now: func() time.Time { return sh.now }}, nil
}

// live reads the live leases without writing (an empty board is an empty
// list, not null).
func (sh *laneShell) live(ctx context.Context, env *call.Env) ([]lease.Lease, error) {
	s, err := sh.readStore(env)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	live, err := s.Live(ctx)
	if err == nil && live == nil {
		live = []lease.Lease{}
	}
	return live, err
}

// fences reads the live leases with their fencing generations, writing
// nothing.
func (sh *laneShell) fences(ctx context.Context, env *call.Env) ([]admission.Held, error) {
	s, err := sh.readStore(env)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return s.Fences(ctx)
}

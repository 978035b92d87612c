package etcdstore

import (
	"sync"
	"time"

	"go.etcd.io/etcd/api/v3/etcdserverpb"
)

// freshFor is how long the read returned by a lost grant race may stand in
// for the next Snapshot. The read is consistent (the grant's transaction
// made it); the bound only keeps a Store that is not retrying from
// deciding on an old one later. A stale read cannot grant a lane twice
// (the commit compares the gate), but it could refuse a lane released
// since.
const freshFor = 200 * time.Millisecond

// freshRead holds the snapshot read of the last lost grant race until the
// next Snapshot takes it, so a retry costs no second read.
type freshRead struct {
	mu sync.Mutex
	rs []*etcdserverpb.ResponseOp
	at time.Time
}

// keep stores rs, read just now.
func (f *freshRead) keep(rs []*etcdserverpb.ResponseOp) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rs, f.at = rs, time.Now()
}

// take returns the kept read once, if it is younger than freshFor.
func (f *freshRead) take() ([]*etcdserverpb.ResponseOp, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	rs := f.rs
	f.rs = nil
	return rs, rs != nil && time.Since(f.at) < freshFor
}

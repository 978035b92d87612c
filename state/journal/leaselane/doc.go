// Package leaselane is the effectful shell around the lane arbiter: take
// the journal lock, fold the journal, record expiry durably, decide with
// the pure arbiter, append the decision, release the lock. Every
// state-changing lease operation (acquire, release, heartbeat, reap, halt)
// runs in one such critical section, so grants are linearizable per
// workspace.
package leaselane

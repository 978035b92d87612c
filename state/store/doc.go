// Package store puts dos's lease state behind one interface so that the
// same pure decision (kernel/admission.Arbitrate) can be made against a
// local file journal or a shared engine (etcd, package etcdstore) when
// agents on several machines work against one repository.
//
// A backend answers a consistent [Snapshot] of the live leases together
// with an opaque compare-and-swap token; [Acquire] decides on that
// snapshot and asks the backend to commit the grant only if nothing was
// granted since the token was read, re-reading and re-deciding a bounded
// number of times before giving up with [ErrBusy]. A backend that cannot be
// reached answers [ErrUnavailable]; callers map both to exit 4 and never
// report a grant.
package store

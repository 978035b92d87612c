// Package etcdstore is the etcd backend of store.Store: the lease state
// of a fleet of machines lives in one etcd cluster under /dos/v1/<fleet>/.
//
// Keys (relative to the fleet prefix):
//
//	lease/<id>    the live lease, attached to an etcd lease (server-clocked TTL)
//	holder/<id>   its holder's name, attached to the same etcd lease: what a
//	              release compares, so a release is one transaction
//	held/<id>     the same lease without TTL: left behind when the etcd lease
//	              expires, it tells the next reader to record one SCAVENGE
//	gate          rewritten by every grant; its ModRevision is the CAS token
//	journal/<k>   one event (ACQUIRE, REFUSE, RELEASE, SCAVENGE, ...)
//	checkpoint    the CHECKPOINT of the events compaction folded: the
//	              journal is it, then the events above its seq_watermark
//	imports/<d>   marks the import of an export with digest d as done
//	importing/<d> an import under way: its key prefix and records written
//	ids/<scope>   the last id allocated in scope
//	archive-lock/ the archive lock (a concurrency.Mutex)
//
// A grant is one transaction conditioned on the gate's ModRevision as read
// with the live set, so two machines deciding on the same snapshot cannot
// both commit. The fencing generation is the lease key's CreateRevision.
// Every client error is reported as store.ErrUnavailable: callers fail
// closed.
package etcdstore

// Package lease holds the lease vocabulary shared by admission and the lane
// journal: a lease is a durable grant of a lane's tree to one holder.
//
// It also holds the pure parts of the lane journal: the [Record] a journal
// line decodes to, the replay fold ([State]) that turns records into the
// live set, the fencing generations that fold carries, and the one expiry
// rule ([Policy.Expired]) every admission read applies.
//
// It is pure: no files, no clock; time comes in as values.
package lease

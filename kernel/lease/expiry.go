package lease

import "time"

// Policy holds the numbers of the expiry rule.
type Policy struct {
	// DefaultTTL applies to a lease whose ttl_minutes is missing or not
	// positive.
	DefaultTTL time.Duration
	// Grace is added to every ttl before a lease counts as expired.
	Grace time.Duration
}

// DefaultPolicy is the rule used everywhere: 50 minutes when a lease names
// no ttl, plus 5 minutes of grace.
var DefaultPolicy = Policy{DefaultTTL: 50 * time.Minute, Grace: 5 * time.Minute}

// NewestStamp is the stamp expiry is measured from: heartbeat_at, else
// acquired_at, else loop_ts. ok is false when the chosen stamp is missing or
// unparseable.
func NewestStamp(l Lease) (time.Time, bool) {
	for _, s := range []string{l.HeartbeatAt, l.AcquiredAt, l.LoopTS} {
		if s != "" {
			return ParseStamp(s)
		}
	}
	return time.Time{}, false
}

// TTL is the lease's own time to live, or the policy default when it
// names none (or not a positive number). A ttl too large for a Duration
// is the largest Duration: the lease outlives any clock, it never wraps
// round to expired.
func (p Policy) TTL(l Lease) time.Duration {
	if l.TTLMinutes > 0 {
		return Minutes(l.TTLMinutes)
	}
	return p.DefaultTTL
}

// Expired is the one expiry rule: a lease is expired when now minus its
// newest stamp is more than its ttl plus the grace. A lease whose stamp
// cannot be read is never expired by this rule (it is kept, not guessed).
func (p Policy) Expired(l Lease, now time.Time) bool {
	t, ok := NewestStamp(l)
	if !ok {
		return false
	}
	return now.Sub(t) > addSat(p.TTL(l), max(p.Grace, 0))
}

// Split divides leases into those still live at now and those expired,
// keeping order.
func (p Policy) Split(leases []Lease, now time.Time) (live, expired []Lease) {
	for _, l := range leases {
		if p.Expired(l, now) {
			expired = append(expired, l)
		} else {
			live = append(live, l)
		}
	}
	return live, expired
}

//go:build etcd

package etcdstore

import (
	"testing"
	"time"
)

// ttlSeconds rounds up to whole seconds and never answers less than 1.
func TestTTLSeconds(t *testing.T) {
	for d, want := range map[time.Duration]int64{
		0: 1, -time.Second: 1, time.Nanosecond: 1, time.Second: 1,
		time.Second + 1: 2, 1500 * time.Millisecond: 2, 5 * time.Minute: 300,
	} {
		if got := ttlSeconds(d); got != want {
			t.Errorf("ttlSeconds(%v) = %d, want %d", d, got, want)
		}
	}
}

package lease

import (
	"testing"
	"time"
)

func TestDecideArchive(t *testing.T) {
	ttl := 300 * time.Second
	for _, c := range []struct {
		held          bool
		holder, owner string
		age           time.Duration
		want          ArchiveAction
	}{
		{false, "", "me", 0, ArchiveAcquire},
		{true, "me", "me", time.Hour, ArchiveReenter},
		{true, "you", "me", ttl, ArchiveBusy},
		{true, "you", "me", ttl + time.Second, ArchiveSteal},
		{true, "", "me", ttl + time.Second, ArchiveSteal}, // an empty body, aged by its file time
		{true, "", "me", time.Second, ArchiveBusy},
		{true, "you", "me", -time.Hour, ArchiveBusy}, // a stamp from the future is fresh
	} {
		if got := DecideArchive(c.held, c.holder, c.owner, c.age, ttl); got != c.want {
			t.Errorf("DecideArchive(%v, %q, %q, %v) = %s, want %s", c.held, c.holder, c.owner, c.age, got, c.want)
		}
	}
}

package lease

import (
	"errors"
	"math"
	"testing"
	"time"
)

// Issue 7 item 9: --ttl 1e9 overflowed ttl+grace, so the first lease read
// as expired the moment it was written and a second holder was granted
// the same lane. Time arithmetic saturates; it never wraps.
func TestHugeTTLNeverReadsAsExpired(t *testing.T) {
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, ttl := range []float64{1e9, 1e15, math.MaxFloat64, math.Inf(1), MaxTTLMinutes} {
		l := Lease{AcquiredAt: FormatStamp(at), TTLMinutes: ttl}
		for _, now := range []time.Time{at, at.Add(time.Second), at.AddDate(100, 0, 0)} {
			if DefaultPolicy.Expired(l, now) && now.Sub(at) < 300*24*time.Hour {
				t.Errorf("ttl %v: expired at %v after acquiring", ttl, now.Sub(at))
			}
		}
		if got := DefaultPolicy.TTL(l); got <= 0 {
			t.Errorf("ttl %v minutes read as %v", ttl, got)
		}
	}
	// a grace at the limit does not wrap either.
	p := Policy{DefaultTTL: math.MaxInt64, Grace: math.MaxInt64}
	if p.Expired(Lease{AcquiredAt: FormatStamp(at)}, at.Add(time.Hour)) {
		t.Error("the largest ttl and grace wrapped to expired")
	}
	// NaN and negative ttls fall back to the default.
	for _, ttl := range []float64{math.NaN(), -5, 0} {
		if got := DefaultPolicy.TTL(Lease{TTLMinutes: ttl}); got != DefaultPolicy.DefaultTTL {
			t.Errorf("ttl %v read as %v", ttl, got)
		}
	}
}

func TestScaleSaturates(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want time.Duration
	}{
		{1, time.Minute}, {0.5, 30 * time.Second}, {0, 0}, {-1, 0}, {math.NaN(), 0},
		{1e300, math.MaxInt64}, {math.Inf(1), math.MaxInt64}, {math.Inf(-1), 0},
	} {
		if got := Minutes(c.in); got != c.want {
			t.Errorf("Minutes(%v) = %v, want %v", c.in, got, c.want)
		}
	}
	if Seconds(1e300) != math.MaxInt64 || Seconds(2) != 2*time.Second {
		t.Error("Seconds does not saturate")
	}
}

func TestCheckBounds(t *testing.T) {
	for _, bad := range []float64{0, -1, math.NaN(), math.Inf(1), 1e9, MaxTTLMinutes + 1} {
		if err := CheckTTL(bad); !errors.Is(err, ErrRange) {
			t.Errorf("CheckTTL(%v) = %v", bad, err)
		}
	}
	for _, good := range []float64{0.5, 30, MaxTTLMinutes} {
		if err := CheckTTL(good); err != nil {
			t.Errorf("CheckTTL(%v) = %v", good, err)
		}
	}
	for _, bad := range []float64{-1, math.NaN(), math.Inf(1), 1e300, MaxWaitSeconds + 1} {
		if err := CheckWait(bad, MaxWaitSeconds); !errors.Is(err, ErrRange) {
			t.Errorf("CheckWait(%v) = %v", bad, err)
		}
	}
	if CheckWait(0, MaxWaitSeconds) != nil || CheckWait(MaxWaitSeconds, MaxWaitSeconds) != nil {
		t.Error("CheckWait refuses a wait in range")
	}
}

// A journal whose seq or generation is at 2^63-1 refuses to number
// another record instead of wrapping to a negative (repeated) number.
func TestRoomAtTheLimit(t *testing.T) {
	for _, c := range []struct {
		s           State
		n, acquires int
		wantExhaust bool
	}{
		{State{}, 1, 1, false},
		{State{MaxSeq: math.MaxInt64 - 1}, 1, 0, false},
		{State{MaxSeq: math.MaxInt64 - 1}, 2, 0, true},
		{State{MaxSeq: math.MaxInt64}, 1, 0, true},
		{State{Counter: math.MaxInt64}, 1, 1, true},
		{State{Counter: math.MaxInt64}, 1, 0, false},
		{State{MaxSeq: -5}, 1, 0, false},
	} {
		err := c.s.Room(c.n, c.acquires)
		if (err != nil) != c.wantExhaust || err != nil && !errors.Is(err, ErrExhausted) {
			t.Errorf("Room(%d, %d) at seq %d gen %d = %v", c.n, c.acquires, c.s.MaxSeq, c.s.Counter, err)
		}
	}
	// the fold itself never wraps the generation counter.
	s := &State{Counter: math.MaxInt64}
	s.Apply(Record{Op: OpAcquire, Seq: 1, Lane: "a", LoopTS: "t"})
	if s.Counter != math.MaxInt64 {
		t.Errorf("counter wrapped to %d", s.Counter)
	}
}

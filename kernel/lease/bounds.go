package lease

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// The bounds of the numbers a lease verb takes from its caller. A number
// outside them is bad input (exit 2), never a lease that wraps around to
// "already expired" or a wait that wraps to "do not wait".
const (
	// MaxTTLMinutes is the longest lease time to live: a year.
	MaxTTLMinutes = 366 * 24 * 60
	// MaxWaitSeconds is the longest wait for a lock: a day.
	MaxWaitSeconds = 24 * 60 * 60
)

// ErrRange is wrapped by the bound checks.
var ErrRange = errors.New("out of range")

// CheckTTL checks a time to live in minutes: finite, above 0, at most
// [MaxTTLMinutes].
func CheckTTL(minutes float64) error {
	if math.IsNaN(minutes) || minutes <= 0 || minutes > MaxTTLMinutes {
		return fmt.Errorf("%w: want minutes above 0 and at most %d (a year), got %v", ErrRange, MaxTTLMinutes, minutes)
	}
	return nil
}

// CheckWait checks a wait in seconds: finite, 0 or more, at most max.
func CheckWait(seconds, max float64) error {
	if math.IsNaN(seconds) || seconds < 0 || seconds > max {
		return fmt.Errorf("%w: want seconds from 0 to %v, got %v", ErrRange, max, seconds)
	}
	return nil
}

// Minutes converts minutes to a Duration without wrapping: NaN and
// values at or below 0 are 0, values past the largest Duration are the
// largest Duration.
func Minutes(m float64) time.Duration { return scale(m, time.Minute) }

// Seconds is [Minutes] for seconds.
func Seconds(s float64) time.Duration { return scale(s, time.Second) }

func scale(x float64, unit time.Duration) time.Duration {
	if !(x > 0) { // NaN too
		return 0
	}
	if x >= float64(math.MaxInt64)/float64(unit) {
		return math.MaxInt64
	}
	return time.Duration(x * float64(unit))
}

// addSat adds two durations that are not negative, stopping at the
// largest Duration instead of wrapping.
func addSat(a, b time.Duration) time.Duration {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}

// ErrExhausted is returned when appending would take a journal's seq or
// its fencing generation past the largest int64: a number would repeat.
var ErrExhausted = errors.New("lease: the journal's numbering is exhausted (seq or generation at 2^63-1)")

// Room reports whether n more records, acquires of them grants, can be
// numbered after s without wrapping. A journal at the limit refuses to
// write rather than hand out a seq or a generation twice.
func (s *State) Room(n, acquires int) error {
	if int64(n) > math.MaxInt64-max(s.MaxSeq, 0) || int64(acquires) > math.MaxInt64-max(s.Counter, 0) {
		return ErrExhausted
	}
	return nil
}

package economics

import (
	"errors"
	"fmt"
)

// NoOpStreak is the verdict on a run of turns that changed nothing.
type NoOpStreak int

// The no-op streak verdicts.
const (
	// StreakLive: budget remains; one more no-op turn is allowed.
	StreakLive NoOpStreak = iota
	// StreakExhausted: the budget is spent; refuse the next no-op turn.
	StreakExhausted
)

// String returns the verdict word.
func (s NoOpStreak) String() string {
	if s == StreakExhausted {
		return "EXHAUSTED"
	}
	return "LIVE"
}

// DefaultMaxStreak is the no-op budget: 4 turns since the last forward
// change.
const DefaultMaxStreak = 4

// StreakVerdict is the answer and the count to carry forward.
type StreakVerdict struct {
	Verdict NoOpStreak
	// Allow says whether one more no-op turn may run.
	Allow bool
	// Next is the count to carry into the next decision: one more when
	// allowed (that turn now happens), unchanged when refused.
	Next   int64
	Reason string
}

// ValidateStreak refuses negative counts.
func ValidateStreak(turns, maxStreak int64) error {
	if turns < 0 || maxStreak < 0 {
		return errors.New("turns and max-streak must not be negative")
	}
	return nil
}

// ClassifyStreak compares turns (no-op turns since the last forward
// change) with the budget. Reaching it exhausts it: a cost guard spends
// its budget the moment it is reached, so a budget of 0 refuses the first.
func ClassifyStreak(turns, maxStreak int64) StreakVerdict {
	if turns >= maxStreak {
		return StreakVerdict{Verdict: StreakExhausted, Next: turns,
			Reason: fmt.Sprintf("%d of %d no-op turns since the last forward change: the budget is spent; wait for a real signal (a forward change resets the streak)", turns, maxStreak)}
	}
	return StreakVerdict{Verdict: StreakLive, Allow: true, Next: turns + 1,
		Reason: fmt.Sprintf("no-op turn %d of %d since the last forward change: budget remains", turns+1, maxStreak)}
}

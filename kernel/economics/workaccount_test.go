package economics

import (
	"strings"
	"testing"
)

// Runs §12.6 (work-account): the precedence ladder; claims never count.
func TestClassifyWork(t *testing.T) {
	cases := []struct {
		a      Account
		want   WorkKind
		reason string
	}{
		{Account{VerifiedShips: 1, Catches: 3, AdvanceCommits: 9, Grooms: 1, Surfaced: 1}, KindShipped, "1 pick shipped · 3 false claims caught · 9 commits advanced"},
		{Account{Catches: 1, AdvanceCommits: 7}, KindCaught, "1 false claim caught"},
		{Account{AdvanceCommits: 4}, KindAdvanced, "4 commits advanced"},
		{Account{Grooms: 3}, KindGroomed, "3 grooms"},
		{Account{Unblocks: 1}, KindGroomed, "1 unblock"},
		{Account{Surfaced: 2}, KindSurfaced, "2 decisions surfaced"},
		{Account{}, KindIdle, "no witnessed work"},
		{Account{ClaimedShips: 3}, KindIdle, "3 claimed ships unadjudicated"},
		{Account{ClaimedShips: 2, Grooms: 1}, KindGroomed, "(2 claimed ships unadjudicated)"},
		{Account{VerifiedShips: 1, ClaimedShips: 4, Catches: 1}, KindShipped, "2 claimed ships unadjudicated"},
		{Account{VerifiedShips: 1, ClaimedShips: 1}, KindShipped, ""},
	}
	for _, c := range cases {
		v := ClassifyWork(c.a)
		if v.Verdict != c.want || !strings.Contains(v.Reason, c.reason) {
			t.Errorf("%+v: got %s %q", c.a, v.Verdict, v.Reason)
		}
	}
	if s := (Account{VerifiedShips: 2, ClaimedShips: 1}).Overclaim(); s != 0 {
		t.Errorf("a quiet completion is no overclaim: %d", s)
	}
	if h := (Account{ClaimedShips: 5}).Headline(); h != "idle" {
		t.Errorf("headline %q", h)
	}
}

func TestClassifyStreak(t *testing.T) {
	cases := []struct {
		turns, max int64
		want       NoOpStreak
		next       int64
	}{
		{0, 4, StreakLive, 1},
		{3, 4, StreakLive, 4},
		{4, 4, StreakExhausted, 4},
		{9, 4, StreakExhausted, 9},
		{0, 0, StreakExhausted, 0},
	}
	for _, c := range cases {
		v := ClassifyStreak(c.turns, c.max)
		if v.Verdict != c.want || v.Next != c.next || v.Allow != (c.want == StreakLive) {
			t.Errorf("%d/%d: got %+v", c.turns, c.max, v)
		}
	}
	if ValidateStreak(-1, 4) == nil || ValidateStreak(1, -4) == nil {
		t.Error("negative counts accepted")
	}
}

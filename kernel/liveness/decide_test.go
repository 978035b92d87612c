package liveness

import (
	"strings"
	"testing"
)

func ms(v int64) *int64 { return &v }

// base is a run 1 h old (past grace) judged at now = 10 000 000 000.
const now = int64(10_000_000_000)

func TestDecideLadder(t *testing.T) {
	old := now - 3_600_000
	cases := []struct {
		name   string
		ev     Evidence
		strict bool
		want   Verdict
		reason string
	}{
		{"one commit", Evidence{NowMS: now, RunStartedMS: old, Commits: 1}, false, Advancing, "1 commit"},
		{"commits win over a dead pid", Evidence{NowMS: now, RunStartedMS: old, Commits: 3, Process: ProbeGone}, false, Advancing, "3 commits"},
		{"lease-layer event", Evidence{NowMS: now, RunStartedMS: old, JournalEvents: 2}, false, Advancing, "lease layer"},
		// Spin window boundary: 900 000 is alive, 900 001 is not (observed).
		{"beat at spin boundary", Evidence{NowMS: now, RunStartedMS: old, HeartbeatAgeMS: ms(900_000)}, false, Spinning, "alive but idle"},
		{"beat past spin boundary", Evidence{NowMS: now, RunStartedMS: old, HeartbeatAgeMS: ms(900_001)}, false, Stalled, "dead or hung"},
		{"beat of zero", Evidence{NowMS: now, RunStartedMS: old, HeartbeatAgeMS: ms(0)}, false, Spinning, ""},
		// Grace boundary with a fresh beat: 1 799 999 ADVANCING, 1 800 000 SPINNING.
		{"young by one ms", Evidence{NowMS: now, RunStartedMS: now - 1_799_999, HeartbeatAgeMS: ms(1000)}, false, Advancing, "too young to judge"},
		{"grace reached", Evidence{NowMS: now, RunStartedMS: now - 1_800_000, HeartbeatAgeMS: ms(1000)}, false, Spinning, ""},
		// A fresh beat on a dead pid is STALLED, before the grace rule.
		{"fresh beat dead pid", Evidence{NowMS: now, RunStartedMS: old, HeartbeatAgeMS: ms(1000), Process: ProbeGone}, false, Stalled, "process is gone"},
		{"fresh beat dead pid young", Evidence{NowMS: now, RunStartedMS: now - 1000, HeartbeatAgeMS: ms(1000), Process: ProbeGone}, false, Stalled, "process is gone"},
		{"probe alive never promotes", Evidence{NowMS: now, RunStartedMS: old, Process: ProbeAlive}, false, Stalled, "never beat"},
		{"probe unknown never promotes", Evidence{NowMS: now, RunStartedMS: old, HeartbeatAgeMS: ms(900_001), Process: ProbeUnknown}, false, Stalled, "900001 ms old"},
		// Runs 2: a young run is not STALLED for want of a heartbeat.
		{"young no heartbeat", Evidence{NowMS: now, RunStartedMS: now - 1_799_999}, false, Advancing, "no heartbeat yet"},
		{"grace reached no heartbeat", Evidence{NowMS: now, RunStartedMS: now - 1_800_000}, false, Stalled, "never beat"},
		{"young stale beat", Evidence{NowMS: now, RunStartedMS: now - 1_000_000, HeartbeatAgeMS: ms(950_000)}, false, Advancing, "too young"},
		{"young gone no beat", Evidence{NowMS: now, RunStartedMS: now - 1000, Process: ProbeGone}, false, Stalled, "process is gone"},
		// Strict is the reference ladder: STALLED from the first second.
		{"strict young no heartbeat", Evidence{NowMS: now, RunStartedMS: now - 1000}, true, Stalled, "never beat"},
		{"strict young fresh beat", Evidence{NowMS: now, RunStartedMS: now - 1000, HeartbeatAgeMS: ms(5)}, true, Advancing, "too young"},
		{"tokens decorate spinning", Evidence{NowMS: now, RunStartedMS: old, HeartbeatAgeMS: ms(10), TokensSpent: ms(4321)}, false, Spinning, "4321 tokens"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := DefaultPolicy()
			p.Strict = c.strict
			d := Decide(c.ev, p)
			if d.Verdict != c.want {
				t.Fatalf("verdict = %v (%s), want %v", d.Verdict, d.Reason, c.want)
			}
			if !strings.Contains(d.Reason, c.reason) {
				t.Fatalf("reason %q does not mention %q", d.Reason, c.reason)
			}
		})
	}
}

func TestDecideNoClaimedWordInReason(t *testing.T) {
	d := Decide(Evidence{NowMS: now, RunStartedMS: now - 10}, DefaultPolicy())
	if !strings.Contains(d.Reason, "no commit") {
		t.Fatalf("a too-young reason must say no commit landed: %q", d.Reason)
	}
}

func TestPolicyWindows(t *testing.T) {
	p := Policy{GraceMS: 10, SpinMS: 5}
	if d := Decide(Evidence{NowMS: 100, RunStartedMS: 90, HeartbeatAgeMS: ms(5)}, p); d.Verdict != Spinning {
		t.Fatalf("custom windows: %v", d)
	}
	if d := Decide(Evidence{NowMS: 100, RunStartedMS: 91, HeartbeatAgeMS: ms(6)}, p); d.Verdict != Advancing {
		t.Fatalf("custom grace: %v", d)
	}
}

func TestSpinAge(t *testing.T) {
	p := DefaultPolicy()
	start := int64(0)
	// Acquired 1 h ago, no progress: spinning since grace ended 30 min ago.
	if got := SpinAgeMS(3_600_000, start, 0, false, p); got != 1_800_000 {
		t.Fatalf("spin age = %d", got)
	}
	// Progress 10 min ago, after grace: spinning for 10 min.
	if got := SpinAgeMS(3_600_000, start, 3_000_000, true, p); got != 600_000 {
		t.Fatalf("spin age after progress = %d", got)
	}
	// Still inside grace: zero.
	if got := SpinAgeMS(1000, start, 0, false, p); got != 0 {
		t.Fatalf("young spin age = %d", got)
	}
}

func TestVerdictWords(t *testing.T) {
	for v, w := range map[Verdict]string{Advancing: "ADVANCING", Spinning: "SPINNING", Stalled: "STALLED"} {
		if v.String() != w {
			t.Errorf("%d = %s", v, v)
		}
	}
	if ProbeAlive.Alive() == nil || !*ProbeAlive.Alive() || ProbeGone.Alive() == nil || *ProbeGone.Alive() || ProbeUnknown.Alive() != nil {
		t.Fatal("probe rendering")
	}
}

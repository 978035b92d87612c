package liveness

import "fmt"

// Decide runs the ladder; the first rung that matches wins:
//
//  1. one or more commits since the start: ADVANCING;
//  2. one or more lease-layer events since the start: ADVANCING;
//  3. a heartbeat no older than SpinMS (inclusive) means alive; then
//     a. a probe that says the process is gone: STALLED;
//     b. a run younger than GraceMS: ADVANCING (too young to judge);
//     c. otherwise SPINNING;
//  4. not alive: a run younger than GraceMS whose process is not known
//     to be gone is ADVANCING (too young to judge), unless p.Strict;
//     otherwise STALLED.
func Decide(ev Evidence, p Policy) Decision {
	if ev.Commits >= 1 {
		return Decision{Advancing, fmt.Sprintf("%d %s since the start sha", ev.Commits, plural(ev.Commits, "commit"))}
	}
	if ev.JournalEvents >= 1 {
		return Decision{Advancing, fmt.Sprintf("progress at the lease layer (%d journal %s), 0 commits",
			ev.JournalEvents, plural(ev.JournalEvents, "event"))}
	}
	age := ev.NowMS - ev.RunStartedMS
	young := age < p.GraceMS
	alive := ev.HeartbeatAgeMS != nil && *ev.HeartbeatAgeMS <= p.SpinMS
	if alive {
		hb := *ev.HeartbeatAgeMS
		switch {
		case ev.Process == ProbeGone:
			return Decision{Stalled, fmt.Sprintf("heartbeat %d ms old but the process is gone: dead or hung", hb)}
		case young:
			return Decision{Advancing, fmt.Sprintf("too young to judge: run %d ms old < grace %d ms, heartbeat %d ms old, no commit yet", age, p.GraceMS, hb)}
		}
		r := fmt.Sprintf("alive but idle: heartbeat %d ms old, no commit and no lease-layer progress in %d ms", hb, age)
		if ev.TokensSpent != nil {
			r += fmt.Sprintf(", %d tokens burned", *ev.TokensSpent)
		}
		return Decision{Spinning, r}
	}
	if young && !p.Strict && ev.Process != ProbeGone {
		if ev.HeartbeatAgeMS == nil {
			return Decision{Advancing, fmt.Sprintf("too young to judge: run %d ms old < grace %d ms, no heartbeat yet, no commit yet", age, p.GraceMS)}
		}
		return Decision{Advancing, fmt.Sprintf("too young to judge: run %d ms old < grace %d ms, heartbeat %d ms old, no commit yet", age, p.GraceMS, *ev.HeartbeatAgeMS)}
	}
	switch {
	case ev.Process == ProbeGone:
		return Decision{Stalled, "no fresh heartbeat and the process is gone: dead or hung"}
	case ev.HeartbeatAgeMS == nil:
		return Decision{Stalled, "never beat and no progress since the start: dead or hung"}
	}
	return Decision{Stalled, fmt.Sprintf("heartbeat %d ms old > spin window %d ms, no progress: dead or hung", *ev.HeartbeatAgeMS, p.SpinMS)}
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// SpinAgeMS is how long a spinning run has been spinning: now minus the
// later of the end of its grace window and its newest progress instant
// (progressMS, when hasProgress), never below zero. The reference measured
// the newest heartbeat's age instead, which a SPINNING run keeps under the
// spin window, so a halt threshold above it could never fire.
func SpinAgeMS(nowMS, runStartedMS int64, progressMS int64, hasProgress bool, p Policy) int64 {
	from := runStartedMS + p.GraceMS
	if hasProgress && progressMS > from {
		from = progressMS
	}
	return max(0, nowMS-from)
}

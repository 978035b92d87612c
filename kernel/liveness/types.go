package liveness

import "fmt"

// Verdict is a liveness answer.
type Verdict int

// The verdicts. The zero value is not a verdict.
const (
	// Advancing: commits or lease-layer progress since the start, or a run
	// too young to judge.
	Advancing Verdict = iota + 1
	// Spinning: a fresh heartbeat and no progress past the grace window.
	Spinning
	// Stalled: no fresh heartbeat past the grace window, or a fresh beat
	// from a process that is gone.
	Stalled
)

// String returns the verdict word.
func (v Verdict) String() string {
	switch v {
	case Advancing:
		return "ADVANCING"
	case Spinning:
		return "SPINNING"
	case Stalled:
		return "STALLED"
	}
	return fmt.Sprintf("Verdict(%d)", int(v))
}

// Probe is the tri-state answer of a process probe.
type Probe int

// The probe answers. ProbeUnknown is the zero value: no probe was run, or
// the probe could not tell (an error is never "alive").
const (
	ProbeUnknown Probe = iota
	ProbeAlive
	ProbeGone
)

// String names the probe answer.
func (p Probe) String() string {
	switch p {
	case ProbeAlive:
		return "alive"
	case ProbeGone:
		return "gone"
	}
	return "unknown"
}

// Alive renders the probe as the JSON process_alive field: true, false,
// or nil for unknown.
func (p Probe) Alive() *bool {
	switch p {
	case ProbeAlive:
		t := true
		return &t
	case ProbeGone:
		f := false
		return &f
	}
	return nil
}

// Default windows, in milliseconds.
const (
	DefaultGraceMS int64 = 1_800_000
	DefaultSpinMS  int64 = 900_000
)

// Policy holds the windows of the ladder.
type Policy struct {
	// GraceMS is how long a run is too young to judge.
	GraceMS int64
	// SpinMS is the largest heartbeat age that still counts as alive
	// (inclusive).
	SpinMS int64
	// Strict is the reference ladder: a run with no fresh heartbeat is
	// STALLED from its first second, however young.
	Strict bool
}

// DefaultPolicy returns the reference's windows: grace 30 min, spin 15 min.
func DefaultPolicy() Policy { return Policy{GraceMS: DefaultGraceMS, SpinMS: DefaultSpinMS} }

// Evidence is everything the ladder reads, gathered by the caller.
type Evidence struct {
	// NowMS is the clock, read once by the caller (epoch milliseconds).
	NowMS int64
	// RunStartedMS is the run's start, decoded from its run id.
	RunStartedMS int64
	// Commits counts commits in start_sha..HEAD.
	Commits int
	// JournalEvents counts lease-layer progress records since the start.
	JournalEvents int
	// HeartbeatAgeMS is the age of the newest credible heartbeat; nil when
	// there is none.
	HeartbeatAgeMS *int64
	// Process is the probe's answer; ProbeUnknown when not probed.
	Process Probe
	// TokensSpent decorates the SPINNING reason; nil when not known.
	TokensSpent *int64
}

// Decision is the ladder's answer.
type Decision struct {
	Verdict Verdict
	// Reason is one line of prose naming the rung that decided.
	Reason string
}

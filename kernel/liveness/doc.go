// Package liveness decides whether an in-flight run is moving
// (ADVANCING), alive but idle (SPINNING) or dead or hung (STALLED), from
// evidence gathered elsewhere: the commits since the run's start sha, the
// lane-journal records of the run's lease identity, a heartbeat age and an
// optional process probe.
//
// It is pure. The clock is a field of [Evidence] (NowMS), the journal
// comes in as decoded records fed to a [JournalFold] one by one, and the
// process probe is a [Probe] value some caller produced. [Decide] is the
// decision ladder; it never kills, signals or writes anything.
//
// Where dos differs from the reference: a run younger than its grace
// window is never STALLED on a missing or old heartbeat (only a process
// probe that says the process is gone can stall it that early), and the
// grace and spin windows are a [Policy] read from dos.toml [liveness]
// instead of constants. Policy.Strict restores the reference ladder.
package liveness

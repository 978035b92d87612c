// Package supervise decides what a supervisor does about a fleet of runs:
// the plan that reconciles the live worker population toward a target
// ([Decide]: spawn free lanes, reap dead workers, flag spinning ones,
// propose halting the ones that spin too long), and the watchdog's action
// for one watched run ([Watch]: tally it, propose a halt, or wait).
//
// It is pure. Each lane's or run's liveness verdict is gathered elsewhere
// (kernel/liveness decides it from journal, git and clock evidence) and
// comes in as a value; the plan is data for the caller to print or enact.
// Nothing here spawns, signals or writes.
//
// Where dos differs from the reference: a spinning lane's age is measured
// from the later of the end of its grace window and its newest progress
// (kernel/liveness.SpinAgeMS), so a spin_halt_after_ms above the spin window
// can fire; the reference measured the newest heartbeat's age, which a
// spinning worker keeps under 15 minutes.
package supervise

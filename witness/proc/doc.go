// Package proc answers whether a process is still there, for the liveness
// process rung. The answer is tri-state (kernel/liveness.Probe): alive,
// gone, or unknown; an error is never "alive". It only looks: signal 0
// delivers nothing.
package proc

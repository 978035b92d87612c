//go:build !unix

package proc

import "github.com/dispatchos/dos/kernel/liveness"

// Probe cannot tell on this platform: unknown, never alive.
func Probe(pid int, hostID, thisHost string) liveness.Probe { return liveness.ProbeUnknown }

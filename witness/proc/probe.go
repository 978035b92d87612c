//go:build unix

package proc

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"syscall"

	"github.com/dispatchos/dos/kernel/liveness"
)

// Probe reports whether process pid is alive on this host. hostID is the
// host the pid belongs to ("" for this one) and thisHost is this host's
// id; a pid of another host, or a pid <= 0, is unknown. Signal 0 that
// succeeds (or is refused for permission) means alive, ESRCH means gone,
// any other error is unknown. On Linux a zombie (exited, not yet reaped)
// is gone.
func Probe(pid int, hostID, thisHost string) liveness.Probe {
	if pid <= 0 || (hostID != "" && hostID != thisHost) {
		return liveness.ProbeUnknown
	}
	err := syscall.Kill(pid, 0)
	switch {
	case err == nil, errors.Is(err, syscall.EPERM):
		if zombie(pid) {
			return liveness.ProbeGone
		}
		return liveness.ProbeAlive
	case errors.Is(err, syscall.ESRCH):
		return liveness.ProbeGone
	}
	return liveness.ProbeUnknown
}

// zombie reports whether /proc says pid has exited and waits to be
// reaped. Where /proc is absent or unreadable it says no.
func zombie(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// pid (comm) state ...: comm may hold spaces and parentheses, so the
	// state follows the last ')'.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 || i+2 >= len(b) {
		return false
	}
	return b[i+2] == 'Z'
}

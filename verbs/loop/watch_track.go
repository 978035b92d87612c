package loop

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/runid"
	"github.com/dispatchos/dos/verbs/runs"
	"github.com/dispatchos/dos/workspace"
)

// tracked is one run the watchdog watches.
type tracked struct {
	RunID, StartSHA, Lane, LoopTS, Handle string
}

// parseTrack reads run_id[:start_sha[:lane[:loop_ts[:handle]]]]. A loop
// stamp holds colons of its own (2026-01-01T00:00:00Z), so everything after
// the lane is the loop stamp, unless it ends in ":<handle>" after a whole
// stamp.
func parseTrack(spec string) (tracked, error) {
	parts := strings.SplitN(spec, ":", 4)
	for len(parts) < 4 {
		parts = append(parts, "")
	}
	t := tracked{RunID: strings.TrimSpace(parts[0]), StartSHA: strings.TrimSpace(parts[1]), Lane: strings.TrimSpace(parts[2])}
	rest := strings.TrimSpace(parts[3])
	if _, ok := lease.ParseStamp(rest); ok || !strings.Contains(rest, ":") {
		t.LoopTS = rest
	} else {
		i := strings.LastIndexByte(rest, ':')
		t.LoopTS, t.Handle = strings.TrimSpace(rest[:i]), strings.TrimSpace(rest[i+1:])
	}
	if t.RunID == "" {
		return t, call.Usagef("--track %q names no run id", spec)
	}
	if (t.Lane == "") != (t.LoopTS == "") {
		return t, call.Usagef("--track %q: give both the lane and the loop stamp of the run's lease, or neither", spec)
	}
	return t, nil
}

// checkStarts refuses (exit 2) a tracked start sha that does not resolve
// or is not an ancestor of HEAD: a typo would read STALLED, and a side
// branch would count history from before the run. The count itself is
// dos liveness's (runs.CommitsSince).
func checkStarts(ws *workspace.Workspace, ts []tracked) error {
	for _, t := range ts {
		if t.StartSHA == "" {
			continue
		}
		if _, err := runs.CommitsSince(ws, t.StartSHA); err != nil {
			var ue *call.UsageError
			if errors.As(err, &ue) {
				return &call.UsageError{Msg: fmt.Sprintf("--track %s: %s", t.RunID, ue.Msg), Hints: ue.Hints}
			}
			return fmt.Errorf("--track %s: %w", t.RunID, err)
		}
	}
	return nil
}

// discover adds one run per live lease: its run id if that is a valid
// token, else its loop stamp if that is one; the handle is its pid.
func discover(live []lease.Lease) (runs []tracked, skipped []string) {
	for _, l := range live {
		id := ""
		switch {
		case validRunID(l.RunID):
			id = l.RunID
		case validRunID(l.LoopTS):
			id = l.LoopTS
		default:
			skipped = append(skipped, l.Lane+"@"+l.LoopTS)
			continue
		}
		t := tracked{RunID: id, Lane: l.Lane, LoopTS: l.LoopTS}
		if l.PID != 0 {
			t.Handle = strconv.Itoa(l.PID)
		}
		runs = append(runs, t)
	}
	return runs, skipped
}

func validRunID(s string) bool {
	_, ok := runid.Parse(s)
	return ok
}

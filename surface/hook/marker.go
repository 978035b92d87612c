package hook

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/dispatchos/dos/kernel/hook"
	"github.com/dispatchos/dos/kernel/lease"
)

// marker is the keep-alive budget: in a loop session it holds the turn
// open (blocks the stop) until the session's budget is spent.
func (c *call) marker() (hook.Decision, error) {
	name := SessionFile(c.sessionKey())
	if name == "" {
		return hook.Decision{}, errSkip
	}
	dir, err := c.ws.EnsureDotDos()
	if err != nil {
		return hook.Decision{}, err
	}
	path := filepath.Join(dir, "markers", name+".jsonl")
	runID := c.r.Getenv("CID_RUN_ID")
	if c.r.Reset {
		rec := hook.MarkerRecord{Op: hook.OpReset, Reason: "reset", RunID: runID,
			Schema: hook.Schema{Family: hook.MarkerFamily, Version: hook.MarkerVersion}, TS: lease.FormatStamp(c.now)}
		return hook.Allowed, c.appendMarker(path, rec)
	}
	cfg := c.ws.Config.Marker
	armed := c.r.Loop
	for _, k := range cfg.ArmOnEnv {
		if c.r.Getenv(k) != "" {
			armed = true
		}
	}
	if !hook.MarkerArmed(c.ev, armed, cfg.RespectStopHookActive) {
		return hook.Allowed, nil
	}
	max := c.r.MaxMarkers
	if max < 1 {
		max = cfg.MaxStreak
	}
	out := hook.Marker(hook.MarkerCount(readMarkers(path)), max, c.now, runID)
	if out.Append != nil {
		if err := c.appendMarker(path, *out.Append); err != nil {
			return hook.Decision{}, err
		}
	}
	return out.Decision, nil
}

func readMarkers(path string) []hook.MarkerRecord {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var out []hook.MarkerRecord
	for _, l := range bytes.Split(b, []byte("\n")) {
		var r hook.MarkerRecord
		if len(bytes.TrimSpace(l)) > 0 && json.Unmarshal(l, &r) == nil {
			out = append(out, r)
		}
	}
	return out
}

func (c *call) appendMarker(path string, rec hook.MarkerRecord) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	torn := false
	if old, err := os.ReadFile(path); err == nil && len(old) > 0 && old[len(old)-1] != '\n' {
		torn = true
	}
	return appendLine(path, b, torn)
}

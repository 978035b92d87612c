package workspace

import (
	"slices"
	"strings"
	"testing"
)

func TestSuperviseTable(t *testing.T) {
	c, warns := parse(t, "[supervise]\ntarget = 3\ncount_spinning_as_alive = false\nreap_stalled = false\n"+
		"spin_halt_after_minutes = 1.5\nworker_launch_template = \"agent --lane {lane}\"\nmax_concurrency = 4\n")
	want := SuperviseConfig{Target: 3, SpinHaltAfterMS: 90_000, WorkerLaunchTemplate: "agent --lane {lane}", MaxConcurrency: 4}
	if len(warns) != 0 || c.Supervise != want {
		t.Fatalf("%+v %v", c.Supervise, warns)
	}
	if slices.Contains(c.Recognised, "supervise") {
		t.Fatal("[supervise] is read now, not merely recognised")
	}
	c, _ = parse(t, "[supervise]\nspin_halt_after_ms = 600000\n")
	if c.Supervise.SpinHaltAfterMS != 600_000 || c.Supervise.Target != 1 || !c.Supervise.ReapStalled {
		t.Fatalf("per-key override lost the defaults: %+v", c.Supervise)
	}
	if d := Defaults("/ws").Supervise; d != DefaultSupervise() || d.WorkerLaunchTemplate != "/dos-dispatch-loop --lane {lane}" {
		t.Fatalf("defaults = %+v", d)
	}
}

func TestSuperviseTableMalformed(t *testing.T) {
	for src, msg := range map[string]string{
		"[supervise]\ntarget = -1":                                         "from 0",
		"[supervise]\ntarget = true":                                       "whole number",
		"[supervise]\nreap_stalled = 1":                                    "true or false",
		"[supervise]\nspin_halt_after_ms = 1\nspin_halt_after_minutes = 1": "not both",
		"[supervise]\nspin_halt_after_minutes = -2":                        "zero or more minutes",
		"[supervise]\nspin_halt_after_ms = -2":                             "zero or more",
		"[supervise]\nworker_launch_template = \"agent\"":                  "{lane}",
		"[supervise]\nmax_concurrency = 0":                                 "1 or more",
		"[supervise]\ntargets = 2":                                         "unknown key",
		"supervise = 3":                                                    "want a table",
	} {
		c, warns := parse(t, src+"\n")
		if len(warns) != 1 || !strings.Contains(warns[0], msg) || !strings.Contains(warns[0], "[supervise]") {
			t.Errorf("%q: warnings %v, want one naming %q", src, warns, msg)
		}
		if c.Supervise != DefaultSupervise() {
			t.Errorf("%q: a malformed table must keep the defaults: %+v", src, c.Supervise)
		}
	}
}

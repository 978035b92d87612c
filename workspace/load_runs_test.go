package workspace

import (
	"slices"
	"strings"
	"testing"
)

func TestLivenessTable(t *testing.T) {
	c, warns := parse(t, "[liveness]\ngrace_ms = 60000\nspin_ms = 0\n")
	if len(warns) != 0 || c.Liveness != (LivenessConfig{GraceMS: 60000, SpinMS: 0}) {
		t.Fatalf("%+v %v", c.Liveness, warns)
	}
	if slices.Contains(c.Recognised, "liveness") {
		t.Fatal("[liveness] is read now, not merely recognised")
	}
	c, _ = parse(t, "[liveness]\nspin_ms = 5\n")
	if c.Liveness.GraceMS != 1_800_000 || c.Liveness.SpinMS != 5 {
		t.Fatalf("per-key override lost the default: %+v", c.Liveness)
	}
	if d := Defaults("/ws").Liveness; d.GraceMS != 1_800_000 || d.SpinMS != 900_000 {
		t.Fatalf("defaults = %+v", d)
	}
}

func TestLivenessTableMalformed(t *testing.T) {
	for src, msg := range map[string]string{
		"[liveness]\ngrace_ms = -1":     "zero or more",
		"[liveness]\nspin_ms = 1.5":     "whole number",
		"[liveness]\nspin_ms = \"15m\"": "whole number",
		"[liveness]\ngrace = 1":         "unknown key",
		"liveness = 3":                  "want a table",
	} {
		c, warns := parse(t, src+"\n")
		if len(warns) != 1 || !strings.Contains(warns[0], msg) || !strings.Contains(warns[0], "[liveness]") {
			t.Errorf("%q: warnings %v, want one naming %q", src, warns, msg)
		}
		if c.Liveness != DefaultLiveness() {
			t.Errorf("%q: a malformed table must keep the defaults: %+v", src, c.Liveness)
		}
	}
}

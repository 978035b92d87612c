package hook

import (
	"strings"
	"testing"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/kernel/reasons"
)

// The apply gate (DOS_APPLY_GATE): a write under a lease that is no
// longer live at its generation, or overtaken by a newer overlapping
// lease, is fenced off; a write outside the lane's tree is refused; in an
// operator session both only warn; without a claim or a lease of its own
// the agent is not gated.
func TestPretoolApplyGate(t *testing.T) {
	write := func(p string) Event { return pre(ToolWrite, map[string]any{"file_path": p}) }
	mine := admission.Held{Lease: lz("me", "src", "src/**"), Generation: 4}
	retaken := admission.Held{Lease: lz("other", "src", "src/**"), Generation: 9}
	forced := admission.Held{Lease: lz("op", "core", "src/core/**"), Generation: 12}
	docs := admission.Held{Lease: lz("d", "docs", "docs/**"), Generation: 2}
	trees := map[string][]string{"src": {"src/**"}}
	tests := []struct {
		name  string
		ev    Event
		gate  ApplyGate
		loop  bool
		self  Self
		want  Action
		class string
		says  string
	}{
		{"live claim, inside", write("/r/src/a.go"), ApplyGate{Claim: admission.FenceClaim{Generation: 4}, Held: []admission.Held{mine, docs}, LaneTrees: trees}, true, Self{}, Allow, "", ""},
		{"released", write("/r/src/a.go"), ApplyGate{Claim: admission.FenceClaim{Generation: 4}, Held: []admission.Held{docs}, LaneTrees: trees}, true, Self{}, Deny, admission.Fenced, "no live lease has generation 4"},
		{"lost and re-taken", write("/r/src/a.go"), ApplyGate{Claim: admission.FenceClaim{Lane: "src", Generation: 4}, Held: []admission.Held{retaken}, LaneTrees: trees}, true, Self{}, Deny, admission.Fenced, "held at generation 9"},
		{"lost, operator", write("/r/src/a.go"), ApplyGate{Claim: admission.FenceClaim{Generation: 4}, Held: nil}, false, Self{}, Warn, admission.Fenced, "advisory"},
		{"newer overlapping lease", write("/r/src/a.go"), ApplyGate{Claim: admission.FenceClaim{Generation: 4}, Held: []admission.Held{mine, forced}, LaneTrees: trees}, true, Self{Session: "me"}, Deny, admission.Fenced, "newer lease on lane 'core'"},
		{"outside its lane", write("/r/docs/a.md"), ApplyGate{Claim: admission.FenceClaim{Generation: 4}, Held: []admission.Held{mine}, LaneTrees: trees}, true, Self{Session: "me"}, Deny, admission.WrongTarget, "held lane: src"},
		{"own lease found by session", write("/r/docs/a.md"), ApplyGate{Held: []admission.Held{mine}}, true, Self{Session: "me"}, Deny, admission.WrongTarget, "lane src's tree"},
		{"own lease, inside", write("/r/src/b.go"), ApplyGate{Held: []admission.Held{mine}}, true, Self{Session: "me"}, Allow, "", ""},
		{"no claim, no own lease", write("/r/src/a.go"), ApplyGate{Held: []admission.Held{mine}}, true, Self{Session: "x"}, Deny, reasons.Overlap, ""},
		{"bad claim", write("/r/src/a.go"), ApplyGate{ClaimError: "DOS_LEASE_GENERATION \"x\" is not a number", Held: []admission.Held{mine}}, true, Self{}, Deny, admission.Fenced, "not a number"},
		{"a read is never gated", pre(ToolRead, map[string]any{"file_path": "/r/src/a.go"}), ApplyGate{Claim: admission.FenceClaim{Generation: 4}}, true, Self{}, Allow, "", ""},
	}
	for _, tc := range tests {
		g := tc.gate
		var live []lease.Lease
		for _, h := range g.Held {
			live = append(live, h.Lease)
		}
		out := Pretool(PreInput{Event: tc.ev, Place: place, Leases: live, Loop: tc.loop, Self: tc.self, ApplyGate: &g})
		d := out.Decision
		if d.Action != tc.want || d.Class != tc.class || !strings.Contains(d.Reason, tc.says) {
			t.Errorf("%s: %v %q %q, want %v %q containing %q", tc.name, d.Action, d.Class, d.Reason, tc.want, tc.class, tc.says)
		}
		if d.Class == admission.Fenced && d.Rung != RungApplyGate {
			t.Errorf("%s: rung %q", tc.name, d.Rung)
		}
	}
}

// Leases that could not be read: a write is refused in a loop and warned
// about in an operator session; a protected path is still SELF_MODIFY.
func TestPretoolLeaseStoreDown(t *testing.T) {
	why := "etcd http://10.0.0.1:2379: read leases: lease store unavailable"
	for _, tc := range []struct {
		ev    Event
		loop  bool
		want  Action
		class string
	}{
		{pre(ToolWrite, map[string]any{"file_path": "/r/src/a.go"}), true, Deny, LeaseStoreUnavailable},
		{pre(ToolWrite, map[string]any{"file_path": "/r/src/a.go"}), false, Warn, LeaseStoreUnavailable},
		{bash("make build"), true, Deny, LeaseStoreUnavailable},
		{pre(ToolWrite, map[string]any{"file_path": "/r/dos.toml"}), true, Deny, reasons.SelfModify},
		{pre(ToolWrite, map[string]any{"file_path": "/tmp/x"}), true, Allow, ""},
	} {
		out := Pretool(PreInput{Event: tc.ev, Place: place, Protected: protected, Loop: tc.loop, LeaseError: why})
		d := out.Decision
		if d.Action != tc.want || d.Class != tc.class {
			t.Errorf("%v %v loop=%v: %v %q %q", tc.ev.Tool, tc.ev.Input, tc.loop, d.Action, d.Class, d.Reason)
		}
		if d.Class == LeaseStoreUnavailable && !strings.Contains(d.Reason, "10.0.0.1:2379") {
			t.Errorf("the reason does not name the endpoint: %q", d.Reason)
		}
	}
}

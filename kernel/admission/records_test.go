package admission

import (
	"reflect"
	"testing"
	"time"

	"github.com/dispatchos/dos/kernel/lease"
)

// Writes come back as data (practice 2): a refusal is one REFUSE record,
// a grant is the lease and its ACQUIRE record, and a re-acquire by the
// same owner reuses its live lease's loop stamp.
func TestRecords(t *testing.T) {
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	s := Stamping{RunID: "RID-1", HostID: "h", PID: 7, TTLMinutes: 30, LeaseID: "L-1", Now: now}
	req := Request{Lane: "src", Owner: "agent-A"}

	refused := Decision{Outcome: "refuse", Lane: "src", Reason: "busy", ReasonClass: "SAME_LANE_HELD"}
	e, l := Records(refused, req, nil, s)
	r, ok := e.(*lease.RefuseEntry)
	if l != nil || !ok || r.Op != lease.OpRefuse || r.Holder != "agent-A" || r.ReasonClass != "SAME_LANE_HELD" || r.RunID != "RID-1" {
		t.Fatalf("refusal: %#v %v", e, l)
	}

	granted := Decision{Outcome: "acquire", Lane: "src", LaneKind: "cluster", Tree: []string{"src/**"}}
	e, l = Records(granted, req, nil, s)
	a, ok := e.(*lease.AcquireEntry)
	if l == nil || !ok || a.Lease.LoopTS != "2026-12-01T12:00:00Z" || a.LeaseID != "L-1" || a.Reason != "lane-lease:agent-A" ||
		a.Lease.Holder != "agent-A" || a.TTLMinutes != 30 || a.PrevHolder != nil || !reflect.DeepEqual(*l, a.Lease) {
		t.Fatalf("grant: %#v %#v", e, l)
	}

	live := []lease.Lease{{Lane: "src", Holder: "agent-A", LoopTS: "2026-11-30T09:00:00Z"}, {Lane: "src", Holder: "agent-B", LoopTS: "2026-11-30T10:00:00Z"}}
	if _, l := Records(granted, req, live, s); l.LoopTS != "2026-11-30T09:00:00Z" {
		t.Fatalf("a re-acquire took loop_ts %s, want its own lease's", l.LoopTS)
	}
	s.LoopTS = "2026-01-01T00:00:00Z"
	if _, l := Records(granted, req, live, s); l.LoopTS != s.LoopTS {
		t.Fatalf("an asked loop_ts was not kept: %s", l.LoopTS)
	}
	if _, l := Records(Decision{Outcome: "acquire", Lane: "docs"}, req, nil, s); l.Tree == nil {
		t.Fatal("a granted lease's tree must be a list, never null")
	}
}

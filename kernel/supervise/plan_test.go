package supervise

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dispatchos/dos/kernel/liveness"
)

func ms(n int64) *int64 { return &n }

func names(ps []Plan) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Lane)
	}
	return out
}

func disjoint(n int) []Lane {
	var out []Lane
	for i := 1; i <= n; i++ {
		out = append(out, Lane{Name: fmt.Sprintf("l%d", i), Tree: []string{fmt.Sprintf("l%d/**", i)}})
	}
	return out
}

// Runs §6.3: eight lanes in every state.
func TestDecideEveryState(t *testing.T) {
	lanes := disjoint(8)
	lanes[0].State = liveness.Advancing
	lanes[1].State, lanes[1].SpinAgeMS = liveness.Spinning, ms(59_999)
	lanes[2].State, lanes[2].SpinAgeMS = liveness.Spinning, ms(60_000)
	lanes[3].State = liveness.Stalled
	lanes[5].Pending = true
	lanes[6].State = liveness.Advancing
	p := DefaultPolicy()
	p.Target, p.SpinHaltAfterMS = 6, 60_000
	d := Decide(lanes, p)
	if d.Alive != 5 || d.Admissible != 8 || d.Outcome != Filling {
		t.Fatalf("alive %d admissible %d outcome %s", d.Alive, d.Admissible, d.Outcome)
	}
	check := func(what string, got []Plan, want ...string) {
		t.Helper()
		if !slices.Equal(names(got), want) {
			t.Errorf("%s: got %v, want %v", what, names(got), want)
		}
	}
	check("spawn", d.Spawn, "l4")
	check("reap", d.Reap, "l4")
	check("flag", d.Flag, "l2", "l3")
	check("proposed halt", d.ProposedHalt, "l3")

	// The same roster, asked for every free lane.
	p.Target = 8
	d = Decide(lanes, p)
	check("spawn to 8", d.Spawn, "l4", "l5", "l8")
	if d.Outcome != Filling {
		t.Errorf("outcome %s", d.Outcome)
	}
}

func TestDecideRosterShapes(t *testing.T) {
	generic := []Lane{{Name: "main", Tree: []string{"**/*"}}, {Name: "global", Tree: []string{"**/*"}, Exclusive: true}}
	cases := []struct {
		name       string
		lanes      []Lane
		p          Policy
		outcome    Outcome
		alive, adm int
		spawn      []string
		flag       []string
	}{
		{"generic default fills main", generic, DefaultPolicy(), Filling, 0, 1, []string{"main"}, nil},
		{"an empty roster is unreachable", nil, DefaultPolicy(), TargetUnreachable, 0, 0, nil, nil},
		{"target 0 is at target", disjoint(2), Policy{Target: 0}, AtTarget, 0, 2, nil, nil},
		{"exclusive only holds one", []Lane{{Name: "g", Tree: []string{"**"}, Exclusive: true}}, DefaultPolicy(), Filling, 0, 1, []string{"g"}, nil},
		{"target above admissible still fills", generic, Policy{Target: 3, ReapStalled: true}, TargetUnreachable, 0, 1, []string{"main"}, nil},
		{"over target flags from the end", func() []Lane {
			l := disjoint(3)
			for i := range l {
				l[i].State = liveness.Advancing
			}
			return l
		}(), Policy{Target: 1}, OverTarget, 3, 3, nil, []string{"l3", "l2"}},
		{"a held tree blocks an overlapping spawn", []Lane{
			{Name: "api", Tree: []string{"src/api/**"}, State: liveness.Advancing},
			{Name: "src", Tree: []string{"src/**"}},
			{Name: "docs", Tree: []string{"docs/**"}},
		}, Policy{Target: 3}, TargetUnreachable, 1, 2, []string{"docs"}, nil},
		{"spinners not counted alive do not block", func() []Lane {
			l := disjoint(2)
			l[0].State = liveness.Spinning
			return l
		}(), Policy{Target: 2, CountSpinningAsAlive: false}, Filling, 0, 2, []string{"l2"}, []string{"l1"}},
		{"stalled without reaping is report-only", func() []Lane {
			l := disjoint(1)
			l[0].State = liveness.Stalled
			return l
		}(), Policy{Target: 1, ReapStalled: false}, AtTarget, 0, 1, nil, nil},
		{"max concurrency on a repeatable lane", []Lane{
			{Name: "auto", Repeatable: true, State: liveness.Advancing},
			{Name: "g", Tree: []string{"**"}, Exclusive: true},
		}, Policy{Target: 3, MaxConcurrency: 3}, Filling, 1, 3, []string{"auto", "auto"}, nil},
		{"max concurrency needs a repeatable lane", disjoint(1), Policy{Target: 3, MaxConcurrency: 3}, TargetUnreachable, 0, 1, []string{"l1"}, nil},
		{"free repeatable lanes fill before a held one", []Lane{
			{Name: "a", Repeatable: true, State: liveness.Advancing},
			{Name: "b", Repeatable: true},
		}, Policy{Target: 3, MaxConcurrency: 3}, Filling, 1, 3, []string{"b", "a"}, nil},
	}
	for _, c := range cases {
		d := Decide(c.lanes, c.p)
		if d.Outcome != c.outcome || d.Alive != c.alive || d.Admissible != c.adm ||
			!slices.Equal(names(d.Spawn), c.spawn) || !slices.Equal(names(d.Flag), c.flag) {
			t.Errorf("%s: got %s alive %d adm %d spawn %v flag %v (%s)", c.name, d.Outcome, d.Alive, d.Admissible, names(d.Spawn), names(d.Flag), d.Reason)
		}
	}
}

func TestDecideSpinThreshold(t *testing.T) {
	for _, c := range []struct {
		age, after int64
		want       bool
	}{{899_999, 900_000, false}, {900_000, 900_000, true}, {5_000_000, 0, false}} {
		l := disjoint(1)
		l[0].State, l[0].SpinAgeMS = liveness.Spinning, ms(c.age)
		d := Decide(l, Policy{Target: 1, CountSpinningAsAlive: true, SpinHaltAfterMS: c.after})
		if got := len(d.ProposedHalt) == 1; got != c.want {
			t.Errorf("age %d after %d: proposed %v", c.age, c.after, got)
		}
		if len(d.Reap) != 0 || len(d.Spawn) != 0 {
			t.Errorf("a spinner is never reaped or replaced: %+v", d)
		}
	}
	l := disjoint(1)
	l[0].State = liveness.Spinning // no age gathered: no proposal
	if d := Decide(l, Policy{Target: 1, SpinHaltAfterMS: 1}); len(d.ProposedHalt) != 0 {
		t.Error("a halt proposed on absent evidence")
	}
	if d := Decide(disjoint(1), DefaultPolicy()); !strings.Contains(d.Reason, "spawn 1") {
		t.Errorf("reason %q", d.Reason)
	}
}

package resume

import (
	"slices"
	"strings"
	"testing"

	"github.com/dispatchos/dos/kernel/ledger"
	"github.com/dispatchos/dos/kernel/oracle"
)

// git is an in-memory Checker: shas that stand, shas that are only in
// history (empty, reverted...).
type git struct{ stands, present map[string]bool }

func (g git) CheckCommit(sha string, region []string) oracle.CommitCheck {
	switch {
	case g.stands[sha]:
		return oracle.CommitCheck{SHA: sha, InHistory: true, Stands: true}
	case g.present[sha]:
		return oracle.CommitCheck{SHA: sha, InHistory: true, Rule: oracle.CommitEmpty}
	}
	return oracle.CommitCheck{SHA: sha, Rule: oracle.CommitUnreachable}
}

func (g git) InHistory(sha string) bool { return g.stands[sha] || g.present[sha] }

func replay(lines ...string) *ledger.State {
	var ls []ledger.Line
	for _, l := range lines {
		r, k := ledger.Parse([]byte(l))
		ls = append(ls, ledger.Line{Record: r, Kind: k})
	}
	return ledger.Replay(ls)
}

const intent3 = `{"op":"INTENT","goal":"g","start_sha":"s0","declared_steps":["s1","s2","s3"]}`

var g = git{stands: map[string]bool{"s0": true, "c1": true, "c2": true, "c3": true}, present: map[string]bool{"e2": true}}

func plan(st *ledger.State, diverged bool) Plan {
	return Decide(st, Adjudicate(st, g), g, true, diverged)
}

func TestResumeLadder(t *testing.T) {
	cases := []struct {
		name     string
		st       *ledger.State
		diverged bool
		want     Verdict
		verified []string
		residual []string
		sha      string
	}{
		{"no intent", replay(`{"op":"STEP_CLAIMED","step_id":"s1","sha":"c1"}`), false, Unresumable, nil, nil, ""},
		{"newer format", replay(intent3, `{"op":"X","schema":2}`), false, Unresumable, nil, nil, ""},
		{"nothing done", replay(intent3), false, Resumable, []string{}, []string{"s1", "s2", "s3"}, "s0"},
		{"prefix done", replay(intent3,
			`{"op":"STEP_VERIFIED","step_id":"s1","sha":"c1","via":"file-path"}`,
			`{"op":"STEP_VERIFIED","step_id":"s3","sha":"c3","via":"registry"}`), false, Resumable, []string{"s1"}, []string{"s2", "s3"}, "c1"},
		{"all done", replay(intent3,
			`{"op":"STEP_VERIFIED","step_id":"s1","sha":"c1","via":"file-path"}`,
			`{"op":"STEP_VERIFIED","step_id":"s2","sha":"c2","via":"file-path"}`,
			`{"op":"STEP_VERIFIED","step_id":"s3","sha":"c3","via":"file-path"}`), true, Complete, []string{"s1", "s2", "s3"}, []string{}, "c3"},
		{"diverged", replay(intent3), true, Diverged, []string{}, []string{"s1", "s2", "s3"}, "s0"},
		{"goal only", replay(`{"op":"INTENT","goal":"ship it","start_sha":"gone"}`), false, Resumable, nil, []string{"ship it"}, ""},
		{"plan phase only", replay(`{"op":"INTENT","plan":"AUTH","phase":"AUTH1"}`), true, Diverged, nil, []string{"AUTH AUTH1"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := plan(c.st, c.diverged)
			if p.Verdict != c.want {
				t.Fatalf("verdict %v (%s), want %v", p.Verdict, p.Reason, c.want)
			}
			if c.want == Unresumable {
				return
			}
			if !slices.Equal(p.Verified, c.verified) || !slices.Equal(p.Residual, c.residual) || p.ResumeSHA != c.sha {
				t.Fatalf("verified %v residual %v sha %q", p.Verified, p.Residual, p.ResumeSHA)
			}
		})
	}
	if p := Decide(replay(), nil, g, false, false); p.Verdict != Unresumable || !strings.Contains(p.Reason, "no intent ledger") {
		t.Fatalf("missing ledger: %+v", p)
	}
}

// Runs 1: a step is never done on the run's own word.
func TestStepNeverDoneOnTheRunsWord(t *testing.T) {
	st := replay(intent3,
		// claimed only, commit stands: not done (dos never verified it)
		`{"op":"STEP_CLAIMED","step_id":"s1","sha":"c1"}`,
		// a STEP_VERIFIED naming an empty commit: not done
		`{"op":"STEP_VERIFIED","step_id":"s2","sha":"e2","via":"file-path"}`,
		// a STEP_VERIFIED with a via resume does not accept
		`{"op":"STEP_VERIFIED","step_id":"s3","sha":"c3","via":"self-report"}`,
	)
	steps := Adjudicate(st, g)
	for _, s := range steps {
		if s.Done || s.State != Claimed {
			t.Errorf("%s: done %v state %s", s.ID, s.Done, s.State)
		}
	}
	if steps[0].Rule != RuleNotVerified || steps[1].Rule != oracle.CommitEmpty || steps[2].Rule != RuleVia {
		t.Fatalf("rules: %q %q %q", steps[0].Rule, steps[1].Rule, steps[2].Rule)
	}
	p := Decide(st, steps, g, true, false)
	if p.ClaimedNotDone != 3 || !strings.Contains(p.Reason, "3 claimed but not verified") {
		t.Fatalf("%+v", p)
	}
}

// Improve (runs §8.2): either recorded commit may carry a verified step.
func TestLaterClaimRescuesAStaleVerifiedRecord(t *testing.T) {
	st := replay(intent3,
		`{"op":"STEP_VERIFIED","step_id":"s1","sha":"forged","via":"file-path"}`,
		`{"op":"STEP_CLAIMED","step_id":"s1","sha":"c1"}`)
	steps := Adjudicate(st, g)
	if !steps[0].Done || steps[0].DoneSHA != "c1" || steps[0].State != Verified {
		t.Fatalf("%+v", steps[0])
	}
}

func TestUndeclaredStepsFollowDeclared(t *testing.T) {
	st := replay(intent3, `{"op":"STEP_CLAIMED","step_id":"x","sha":"c1"}`, `{"op":"STEP_VERIFIED","step_id":"y","sha":"c2","via":"file-path"}`)
	steps := Adjudicate(st, g)
	var ids []string
	for _, s := range steps {
		ids = append(ids, s.ID)
	}
	if !slices.Equal(ids, []string{"s1", "s2", "s3", "x", "y"}) || steps[3].Declared || !steps[4].Done {
		t.Fatalf("%v", ids)
	}
	if !slices.Equal(DoneIDs(steps), []string{"y"}) {
		t.Fatal(DoneIDs(steps))
	}
}

func TestFrame(t *testing.T) {
	st := replay(intent3, `{"op":"STEP_VERIFIED","step_id":"s1","sha":"c1","via":"file-path"}`)
	d := Frame(st, plan(st, false))
	if d.State != Incomplete || d.Verified != 1 || d.Declared != 3 || *d.Fraction != 0.3333 {
		t.Fatalf("%+v", d)
	}
	d = Frame(st, plan(st, true))
	if d.State != Incomplete || !strings.Contains(d.Reason, "diverged") {
		t.Fatalf("%+v", d)
	}
	none := replay()
	d = Frame(none, Decide(none, nil, g, false, false))
	if d.State != Indeterminate || d.Fraction != nil {
		t.Fatalf("%+v", d)
	}
	goal := replay(`{"op":"INTENT","goal":"g"}`)
	if d = Frame(goal, plan(goal, false)); d.State != Incomplete || d.Fraction != nil {
		t.Fatalf("%+v", d)
	}
}

func TestCommandNamesARealVerb(t *testing.T) {
	c := Command("RID-1KSR49200000C1S", Plan{ResumeSHA: "0123456789abcdef", Residual: []string{"s2", "s3"}})
	if !strings.HasPrefix(c, "dos run-id mint resume --parent RID-1KSR49200000C1S") || !strings.Contains(c, "0123456789ab, do: s2, s3") {
		t.Fatal(c)
	}
}

func TestRewind(t *testing.T) {
	turns := Turns("  {\"t\":0}\n\n{\"t\":1}\n{\"t\":2}\n")
	d1 := TurnDigest(turns[1])
	cases := []struct {
		name   string
		signal string
		cp     *ledger.Checkpoint
		want   Rewind
		turn   int
		drop   []int
	}{
		{"no signal", "", &ledger.Checkpoint{Turn: 1, Digest: d1}, NoRewind, -1, []int{}},
		{"no checkpoint", "THRASHING", nil, Unanchored, -1, []int{}},
		{"turn out of range", "STARVED", &ledger.Checkpoint{Turn: 3, Digest: d1}, Unanchored, -1, []int{}},
		{"negative turn", "STARVED", &ledger.Checkpoint{Turn: -1, Digest: d1}, Unanchored, -1, []int{}},
		{"digest mismatch", "DIVERGED", &ledger.Checkpoint{Turn: 0, Digest: d1}, Unanchored, -1, []int{}},
		{"empty digest", "DIVERGED", &ledger.Checkpoint{Turn: 1, Digest: ""}, Unanchored, -1, []int{}},
		{"rewind", "DIVERGED", &ledger.Checkpoint{Turn: 1, Digest: " " + strings.ToUpper(d1) + " "}, RewindTo, 1, []int{2}},
		{"rewind to last", "THRASHING", &ledger.Checkpoint{Turn: 2, Digest: TurnDigest(turns[2])}, RewindTo, 2, []int{}},
	}
	for _, c := range cases {
		p := DecideRewind(c.signal, c.cp, turns)
		if p.Verdict != c.want || p.Turn != c.turn || !slices.Equal(p.Dropped, c.drop) {
			t.Errorf("%s: %+v", c.name, p)
		}
		if (c.signal == "DIVERGED") != (len(p.Note) == 1) {
			t.Errorf("%s: note %v", c.name, p.Note)
		}
	}
}

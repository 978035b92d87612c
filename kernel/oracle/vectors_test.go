package oracle

import (
	"strings"
	"testing"

	"github.com/dispatchos/dos/internal/vectors"
	"github.com/dispatchos/dos/kernel/stamp"
)

// The reference's recorded verify windows, run through the whole decider
// (ranking, demotions, rendering), not just the matcher. Every commit in a
// window touches a file, so no demotion applies and the answers must be
// the reference's.
func TestVerifyVectorsThroughOracle(t *testing.T) {
	for _, c := range vectors.LoadVerify(t) {
		var h vectorHistory
		for _, line := range c.Oneline {
			sha, subject, _ := strings.Cut(line, " ")
			h = append(h, memCommit{sha: sha, subject: subject, files: []string{"src/x"}})
		}
		v, err := Verify(stamp.Query{Plan: c.Plan, Phase: c.Phase}, Evidence{History: h}, stamp.Generic(), Policy{})
		if err != nil {
			t.Fatal(err)
		}
		if v.Shipped != c.PyShipped || v.Source != c.PySource || v.Rung != c.PyVia || v.SHA != c.PySHA {
			t.Errorf("%s: got shipped=%v source=%s rung=%q sha=%q; reference shipped=%v source=%s via=%q sha=%q",
				c.Name, v.Shipped, v.Source, v.Rung, v.SHA, c.PyShipped, c.PySource, c.PyVia, c.PySHA)
		}
	}
}

// vectorHistory is memHistory with the recorded short shas used whole.
type vectorHistory []memCommit

func (m vectorHistory) Candidates(*stamp.Matcher) ([]Candidate, error) {
	return memHistory(m).Candidates(nil)
}
func (m vectorHistory) Resolve(sha string) (int, bool)      { return memHistory(m).Resolve(sha) }
func (m vectorHistory) Abbrev(ref int) string               { return m[ref].sha }
func (m vectorHistory) Reverters(ref int) []int             { return memHistory(m).Reverters(ref) }
func (m vectorHistory) Footprint(ref int) ([]string, error) { return m[ref].files, nil }

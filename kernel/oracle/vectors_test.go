package oracle

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/dispatchos/dos/kernel/stamp"
)

// The reference's recorded verify windows, run through the whole decider
// (ranking, demotions, rendering), not just the matcher. Every commit in a
// window touches a file, so no demotion applies and the answers must be
// the reference's.
func TestVerifyVectorsThroughOracle(t *testing.T) {
	const path = "../../../shared/vectors/hook/corpus_verify.jsonl"
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("vectors not present (%v): run from a checkout with ../shared beside it", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	n := 0
	for sc.Scan() {
		var c struct {
			Name, Plan, Phase string
			Oneline           []string
			PyShipped         bool   `json:"py_shipped"`
			PySource          string `json:"py_source"`
			PyVia             string `json:"py_via"`
			PySHA             string `json:"py_sha"`
		}
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
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
		n++
	}
	if n != 14 {
		t.Fatalf("read %d vectors, want 14", n)
	}
}

// vectorHistory is memHistory with the recorded short shas used whole.
type vectorHistory []memCommit

func (m vectorHistory) Candidates(*stamp.Matcher) ([]Candidate, error) {
	return memHistory(m).Candidates(nil)
}
func (m vectorHistory) Resolve(sha string) (int, bool)      { return memHistory(m).Resolve(sha) }
func (m vectorHistory) Abbrev(ref int) string               { return m[ref].sha }
func (m vectorHistory) RevertedBy(ref int) (int, bool)      { return memHistory(m).RevertedBy(ref) }
func (m vectorHistory) Footprint(ref int) ([]string, error) { return m[ref].files, nil }

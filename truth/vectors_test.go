package truth

import (
	"bufio"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/dispatchos/dos/internal/gittest"
)

// The reference's recorded verify windows, replayed as real repositories:
// each window's subjects become a real history (oldest first), and the
// whole path (git walk, token index, matcher, demotions) must pick the
// commit the reference picked.
func TestVerifyVectorsOnRealRepositories(t *testing.T) {
	if testing.Short() {
		t.Skip("builds one repository per vector")
	}
	f, err := os.Open("../../shared/vectors/hook/corpus_verify.jsonl")
	if err != nil {
		t.Skipf("vectors not present (%v): run from a checkout with ../shared beside it", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
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
		t.Run(c.Name, func(t *testing.T) {
			n := len(c.Oneline)
			wantSubject := ""
			subjects := make([]string, n)
			for i, line := range c.Oneline {
				sha, subject, _ := strings.Cut(line, " ")
				subjects[n-1-i] = subject
				if sha == c.PySHA {
					wantSubject = subject
				}
			}
			dir := gittest.Linear(t, n, func(i int) string { return subjects[i-1] })
			r, err := open(t, dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			v, err := r.Verify(c.Plan, c.Phase)
			if err != nil {
				t.Fatal(err)
			}
			if v.Shipped != c.PyShipped || v.Source != c.PySource || v.Rung != c.PyVia {
				t.Fatalf("got shipped=%v source=%s rung=%q; reference %v %s %q", v.Shipped, v.Source, v.Rung, c.PyShipped, c.PySource, c.PyVia)
			}
			if c.PyShipped {
				got := gittest.Git(t, dir, "log", "-1", "--format=%s", v.SHA)
				if got != strings.TrimPrefix(wantSubject, "\ufeff") && got != wantSubject {
					t.Fatalf("shipped by %q, the reference picked %q", got, wantSubject)
				}
			}
		})
	}
}

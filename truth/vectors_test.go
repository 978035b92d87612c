package truth

import (
	"context"
	"strings"
	"testing"

	"github.com/dispatchos/dos/internal/gittest"
	"github.com/dispatchos/dos/internal/vectors"
)

// The reference's recorded verify windows, replayed as real repositories:
// each window's subjects become a real history (oldest first), and the
// whole path (git walk, token index, matcher, demotions) must pick the
// commit the reference picked.
func TestVerifyVectorsOnRealRepositories(t *testing.T) {
	if testing.Short() {
		t.Skip("builds one repository per vector")
	}
	for _, c := range vectors.LoadVerify(t) {
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
			v, err := r.Verify(context.Background(), c.Plan, c.Phase)
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

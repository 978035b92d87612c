package truth

import (
	"os"
	"path/filepath"

	"github.com/dispatchos/dos/kernel/oracle"
	"github.com/dispatchos/dos/kernel/plandoc"
	"github.com/dispatchos/dos/kernel/stamp"
)

// sharedHeads returns the plan numbers two or more plan docs share. A plan
// glob that cannot be walked shares nothing.
func (r *Reader) sharedHeads() map[string][]string {
	r.sharedOnce.Do(func() {
		files, _ := r.ws.PlanFiles()
		r.shared = plandoc.SharedHeads(files)
	})
	return r.shared
}

// planOwners reads every plan doc's plan-meta.
func (r *Reader) planOwners() map[string]string {
	r.ownersOnce.Do(func() {
		files, _ := r.ws.PlanFiles()
		docs := make([]plandoc.Doc, 0, len(files))
		for _, rel := range files {
			b, err := os.ReadFile(filepath.Join(r.ws.StateRoot, filepath.FromSlash(rel)))
			if err != nil {
				continue
			}
			id, class := plandoc.Meta(string(b))
			docs = append(docs, plandoc.Doc{Path: rel, ID: id, Classification: class})
		}
		r.owners = plandoc.Owners(docs)
	})
	return r.owners
}

// emptyHistory is a repository with no commits yet.
type emptyHistory struct{}

func (emptyHistory) Candidates(*stamp.Matcher) ([]oracle.Candidate, error) { return nil, nil }
func (emptyHistory) Resolve(string) (int, bool)                            { return 0, false }
func (emptyHistory) Abbrev(int) string                                     { return "" }
func (emptyHistory) Reverters(int) []int                                   { return nil }
func (emptyHistory) Footprint(int) ([]string, error)                       { return nil, nil }

// Package registry reads the run registry a host keeps (dos.state.yaml):
// rows that say a run finished a unit of work. dos never writes it, and a
// row is only a claim; the verify oracle decides what it is worth.
package registry

import (
	"math"

	"github.com/dispatchos/dos/internal/smallfile"
	"github.com/dispatchos/dos/kernel/oracle"
)

type file struct {
	RecentlyCompleted []row `yaml:"recently_completed"`
}

// row keeps each field as the scalar text written (see [scalar]).
type row struct {
	Plan      scalar `yaml:"plan"`
	Phase     scalar `yaml:"phase"`
	Status    scalar `yaml:"status"`
	CommitSHA scalar `yaml:"commit_sha"`
	DocPath   scalar `yaml:"doc_path"`
}

// Read returns the recently_completed rows of the registry at path, newest
// first as written. A missing, unreadable or malformed file has no rows.
func Read(path string) []oracle.RegistryRow {
	b, err := smallfile.Read(path, math.MaxInt)
	if err != nil {
		return nil
	}
	var f file
	if err := decode(b, &f); err != nil {
		return nil
	}
	out := make([]oracle.RegistryRow, 0, len(f.RecentlyCompleted))
	for _, r := range f.RecentlyCompleted {
		out = append(out, oracle.RegistryRow{
			Plan: string(r.Plan), Phase: string(r.Phase), Status: string(r.Status),
			CommitSHA: string(r.CommitSHA), DocPath: string(r.DocPath),
		})
	}
	return out
}

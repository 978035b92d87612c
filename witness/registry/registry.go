// Package registry reads the run registry a host keeps (dos.state.yaml):
// rows that say a run finished a unit of work. dos never writes it, and a
// row is only a claim; the verify oracle decides what it is worth.
package registry

import (
	"fmt"
	"os"

	"gopkg.in/yaml.v3"

	"github.com/dispatchos/dos/kernel/oracle"
)

type file struct {
	RecentlyCompleted []row `yaml:"recently_completed"`
}

type row struct {
	Plan      any `yaml:"plan"`
	Phase     any `yaml:"phase"`
	Status    any `yaml:"status"`
	CommitSHA any `yaml:"commit_sha"`
	DocPath   any `yaml:"doc_path"`
}

// Read returns the recently_completed rows of the registry at path, newest
// first as written. A missing, unreadable or malformed file has no rows.
func Read(path string) []oracle.RegistryRow {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var f file
	if err := yaml.Unmarshal(b, &f); err != nil {
		return nil
	}
	out := make([]oracle.RegistryRow, 0, len(f.RecentlyCompleted))
	for _, r := range f.RecentlyCompleted {
		out = append(out, oracle.RegistryRow{
			Plan: str(r.Plan), Phase: str(r.Phase), Status: str(r.Status),
			CommitSHA: str(r.CommitSHA), DocPath: str(r.DocPath),
		})
	}
	return out
}

// str renders a scalar as YAML wrote it; a sha of digits only decodes as a
// number, so numbers are printed back.
func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case int, int64, uint64, float64, bool:
		return fmt.Sprint(x)
	}
	return ""
}

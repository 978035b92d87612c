// Package registry reads the run registry a host keeps (dos.state.yaml):
// rows that say a run finished a unit of work. dos never writes it, and a
// row is only a claim; the verify oracle decides what it is worth.
package registry

import (
	"os"

	"gopkg.in/yaml.v3"

	"github.com/dispatchos/dos/kernel/oracle"
)

type file struct {
	RecentlyCompleted []row `yaml:"recently_completed"`
}

// row keeps each field as a node so a scalar reads back exactly as
// written: a sha such as 0123456 must not become the number 123456.
type row struct {
	Plan      yaml.Node `yaml:"plan"`
	Phase     yaml.Node `yaml:"phase"`
	Status    yaml.Node `yaml:"status"`
	CommitSHA yaml.Node `yaml:"commit_sha"`
	DocPath   yaml.Node `yaml:"doc_path"`
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

// str is a scalar's text as written; anything else (absent, null, a list)
// is empty.
func str(n yaml.Node) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

package registry

import (
	"os"

	"gopkg.in/yaml.v3"

	"github.com/dispatchos/dos/kernel/oracle"
)

type soakFile struct {
	Soaks []struct {
		ID     yaml.Node `yaml:"id"`
		Plan   yaml.Node `yaml:"plan"`
		Status yaml.Node `yaml:"status"`
	} `yaml:"soaks"`
}

// ReadSoaks returns the entries of the soak index at path. A missing,
// unreadable or malformed index has none.
func ReadSoaks(path string) []oracle.Soak {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var f soakFile
	if yaml.Unmarshal(b, &f) != nil {
		return nil
	}
	out := make([]oracle.Soak, 0, len(f.Soaks))
	for _, s := range f.Soaks {
		out = append(out, oracle.Soak{ID: str(s.ID), Plan: str(s.Plan), Status: str(s.Status)})
	}
	return out
}

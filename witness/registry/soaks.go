package registry

import (
	"math"

	"github.com/dispatchos/dos/internal/smallfile"
	"github.com/dispatchos/dos/kernel/oracle"
)

type soakFile struct {
	Soaks []struct {
		ID     scalar `yaml:"id"`
		Plan   scalar `yaml:"plan"`
		Status scalar `yaml:"status"`
	} `yaml:"soaks"`
}

// ReadSoaks returns the entries of the soak index at path. A missing,
// unreadable or malformed index has none.
func ReadSoaks(path string) []oracle.Soak {
	b, err := smallfile.Read(path, math.MaxInt)
	if err != nil {
		return nil
	}
	var f soakFile
	if decode(b, &f) != nil {
		return nil
	}
	out := make([]oracle.Soak, 0, len(f.Soaks))
	for _, s := range f.Soaks {
		out = append(out, oracle.Soak{ID: string(s.ID), Plan: string(s.Plan), Status: string(s.Status)})
	}
	return out
}

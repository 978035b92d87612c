package oracle

import (
	"strings"

	"github.com/dispatchos/dos/kernel/stamp"
)

// Soak is one entry of the soak index: a phase whose change is shipped but
// still being watched. While its status is in_progress the phase is not
// done, whatever git says.
type Soak struct {
	ID, Plan, Status string
}

// inOpenSoak reports whether (plan, phase) has a soak in progress. Plans
// compare on their letters and digits only; the phase may name the soak
// by its whole id or by the id's head before the first '-' or '_'.
func inOpenSoak(q stamp.Query, soaks []Soak) bool {
	plan, phase := alnumLower(q.Plan), alnumLower(q.Phase)
	for _, s := range soaks {
		if !strings.EqualFold(strings.TrimSpace(s.Status), "in_progress") || alnumLower(s.Plan) != plan {
			continue
		}
		dash, _, _ := strings.Cut(s.ID, "-")
		under, _, _ := strings.Cut(s.ID, "_")
		for _, id := range []string{dash, under, s.ID} {
			if a := alnumLower(id); a != "" && a == phase {
				return true
			}
		}
	}
	return false
}

func alnumLower(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z':
			b.WriteByte(c + 'a' - 'A')
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			b.WriteByte(c)
		}
	}
	return b.String()
}

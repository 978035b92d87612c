package audit

import "math"

// Tally counts the findings of one claim kind.
type Tally struct {
	Unwitnessed int `json:"unwitnessed"`
	Witnessed   int `json:"witnessed"`
	Abstain     int `json:"abstain"`
}

// Summary aggregates the findings of a range.
type Summary struct {
	// Commits is how many commits were audited.
	Commits int
	// Checkable is how many made a checkable claim (did not abstain).
	Checkable int
	// Abstained, Witnessed and Unwitnessed split Commits by verdict.
	Abstained, Witnessed, Unwitnessed int
	// DriftRate is Unwitnessed/Checkable, rounded to four places; 0 when
	// nothing was checkable.
	DriftRate float64
	// ByKind tallies each claim kind; every kind is present.
	ByKind map[ClaimKind]Tally
	// UnwitnessedSHAs lists the unwitnessed commits in audit order.
	UnwitnessedSHAs []string
}

// Summarize folds findings into a Summary.
func Summarize(fs []Finding) Summary {
	s := Summary{Commits: len(fs), ByKind: map[ClaimKind]Tally{}, UnwitnessedSHAs: []string{}}
	for _, k := range ClaimKinds {
		s.ByKind[k] = Tally{}
	}
	for _, f := range fs {
		t := s.ByKind[f.Claim.Kind]
		switch f.Verdict {
		case OK:
			s.Witnessed++
			t.Witnessed++
		case Unwitnessed:
			s.Unwitnessed++
			t.Unwitnessed++
			s.UnwitnessedSHAs = append(s.UnwitnessedSHAs, f.SHA)
		default:
			s.Abstained++
			t.Abstain++
		}
		s.ByKind[f.Claim.Kind] = t
	}
	s.Checkable = s.Witnessed + s.Unwitnessed
	if s.Checkable > 0 {
		s.DriftRate = math.Round(float64(s.Unwitnessed)/float64(s.Checkable)*1e4) / 1e4
	}
	return s
}

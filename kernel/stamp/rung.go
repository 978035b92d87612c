package stamp

// Rung names the evidence path through which a subject (or a body) attributes
// a ship. The values are the reference's `via` words and are contracts.
type Rung string

// The rungs, strongest first.
const (
	// Direct is a start-anchored stamp: `AUTH1: ...`, `AUTH: AUTH1 ...`.
	Direct Rung = "direct"
	// Trailer is a parenthesised stamp closing the subject: `fix: x (AUTH AUTH1)`.
	Trailer Rung = "trailer"
	// ReleasePrefix is a mention inside a release or summary-bundle subject.
	ReleasePrefix Rung = "release-prefix"
	// HygSlug is the prose-slug fallback for a summary-bundle series.
	HygSlug Rung = "hyg-slug"
	// SubPhaseParent answers `P3-port` by a stamp of `P3` naming `port`.
	SubPhaseParent Rung = "sub-phase-parent"
	// BodyMention is a mention in the body of a summary-bundle commit.
	BodyMention Rung = "body-mention"
)

// Order lists the rungs in pass order: a rung earlier in the list beats any
// later one regardless of how old its commit is.
var Order = []Rung{Direct, Trailer, ReleasePrefix, HygSlug, SubPhaseParent, BodyMention}

// Rungs is the set of rungs one subject satisfies, one bit per entry of Order.
type Rungs uint8

// bit returns the Rungs value holding only r, or 0 for an unknown rung.
func bit(r Rung) Rungs {
	for i, o := range Order {
		if o == r {
			return 1 << i
		}
	}
	return 0
}

// Has reports whether r is in the set.
func (rs Rungs) Has(r Rung) bool {
	b := bit(r)
	return b != 0 && rs&b != 0
}

// Best returns the strongest rung in the set in pass order, or "" for the
// empty set.
func (rs Rungs) Best() Rung {
	for i, o := range Order {
		if rs&(1<<i) != 0 {
			return o
		}
	}
	return ""
}

// String lists the rungs in pass order, separated by "+", or "none".
func (rs Rungs) String() string {
	out := ""
	for i, o := range Order {
		if rs&(1<<i) != 0 {
			if out != "" {
				out += "+"
			}
			out += string(o)
		}
	}
	if out == "" {
		return "none"
	}
	return out
}

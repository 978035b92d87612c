package gitref

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrRevSyntax is a revision outside the grammar [ParseRev] reads.
var ErrRevSyntax = errors.New("unsupported revision syntax")

// Rev is a revision in the grammar dos resolves itself: a base (HEAD, a
// ref name, a full or abbreviated hash) followed by ancestry steps, as in
// HEAD~3, main^2 or v1.0~1^.
type Rev struct {
	// Base is a ref name or a hash; "@" is read as HEAD.
	Base string
	// Steps walk from Base to the commit meant, in order.
	Steps []Step
}

// Step is one ancestry step.
type Step struct {
	// Op is '~' (N generations back along first parents) or '^' (the
	// Nth parent; ^0 is the commit itself).
	Op byte
	// N is the count.
	N int
}

// maxStep bounds a step's count; git would walk off the root long before.
const maxStep = 1 << 24

// ParseRev splits rev into its base and steps. "" is HEAD. A bare ~ or ^
// counts 1; ^{} and ^{commit} are accepted and add nothing, since every
// revision resolves to a commit. Anything else (ranges, reflog and
// upstream syntax, :path, ^{tree}) is [ErrRevSyntax].
func ParseRev(rev string) (Rev, error) {
	if rev == "" {
		return Rev{Base: "HEAD"}, nil
	}
	base, rest := rev, ""
	if i := strings.IndexAny(rev, "~^"); i >= 0 {
		base, rest = rev[:i], rev[i:]
	}
	if base == "@" {
		base = "HEAD"
	}
	if !ValidName(base) {
		return Rev{}, fmt.Errorf("%q: %w", rev, ErrRevSyntax)
	}
	r := Rev{Base: base}
	for rest != "" {
		op := rest[0]
		if op != '~' && op != '^' {
			return Rev{}, fmt.Errorf("%q: %w", rev, ErrRevSyntax)
		}
		rest = rest[1:]
		if op == '^' && strings.HasPrefix(rest, "{") {
			inner, after, ok := strings.Cut(rest[1:], "}")
			if !ok || (inner != "" && inner != "commit") {
				return Rev{}, fmt.Errorf("%q: %w", rev, ErrRevSyntax)
			}
			rest = after
			continue
		}
		j := 0
		for j < len(rest) && '0' <= rest[j] && rest[j] <= '9' {
			j++
		}
		n := 1
		if j > 0 {
			var err error
			if n, err = strconv.Atoi(rest[:j]); err != nil || n > maxStep {
				return Rev{}, fmt.Errorf("%q: step too large: %w", rev, ErrRevSyntax)
			}
		}
		rest = rest[j:]
		r.Steps = append(r.Steps, Step{Op: op, N: n})
	}
	return r, nil
}

// String writes r back in git's syntax.
func (r Rev) String() string {
	var b strings.Builder
	b.WriteString(r.Base)
	for _, s := range r.Steps {
		b.WriteByte(s.Op)
		b.WriteString(strconv.Itoa(s.N))
	}
	return b.String()
}

// IsHashPrefix reports whether s could abbreviate an object name: 4 to 40
// hex digits.
func IsHashPrefix(s string) bool { return len(s) >= 4 && len(s) <= 40 && isHex(s) }

package call

// Verdict is a verdict word and the exit code every surface answers it
// with. Verdicts are values: a verb package declares each of its words
// once with [NewVerdict], lists their addresses in [Def.Verdicts] and returns the same
// value from its handler, so a misspelt word cannot compile.
type Verdict struct {
	word string
	code int
}

// NewVerdict declares a verdict word with its exit code. Call it only in a
// package-level var block; code 2 is reserved for contract errors.
func NewVerdict(word string, code int) Verdict { return Verdict{word: word, code: code} }

// Word is the verdict word as printed ("SHIPPED").
func (v Verdict) Word() string { return v.word }

// Code is the exit code of the verdict.
func (v Verdict) Code() int { return v.code }

// IsZero reports the absent verdict of a verb that answers none (version).
func (v Verdict) IsZero() bool { return v.word == "" }

// String returns the word.
func (v Verdict) String() string { return v.word }

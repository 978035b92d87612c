package loop

import (
	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/usage"
	"github.com/dispatchos/dos/verbs/usagein"
)

// spentTokens reads the usage record a verb was given (a path on the CLI,
// --usage-json, or inline JSON over MCP, usage; see usagein.Read) and
// reconciles it with --tokens: the tokens to judge by and the record, nil
// when none was given.
func spentTokens(env *call.Env, path, inline string, tokens int64) (int64, *usage.Breakdown, error) {
	b, err := usagein.Read(env, path, inline)
	if err != nil {
		return 0, nil, err
	}
	tokens, err = tokensWith(tokens, b)
	if err != nil {
		return 0, nil, err
	}
	return tokens, b, nil
}

// tokensWith reconciles --tokens with a usage record: the record's total
// when --tokens is 0, else both must agree.
func tokensWith(tokens int64, b *usage.Breakdown) (int64, error) {
	if b == nil {
		return tokens, nil
	}
	total := b.Total()
	if tokens == 0 {
		return total, nil
	}
	if tokens != total {
		return 0, call.Usagef("--tokens %d disagrees with the usage record's total of %d; give one, or make them agree", tokens, total)
	}
	return tokens, nil
}

// spendOf is the printed breakdown, or nil.
func spendOf(b *usage.Breakdown) *usage.Spend {
	if b == nil {
		return nil
	}
	s := b.Spend()
	return &s
}

// count is one numeric flag and its value.
type count struct {
	flag string
	n    int64
}

// nonNegative refuses the first negative count.
func nonNegative(cs ...count) error {
	for _, c := range cs {
		if c.n < 0 {
			return call.Usagef("--%s must not be negative, got %d", c.flag, c.n)
		}
	}
	return nil
}

// line is the text form of a verdict: the word, two spaces, the reason.
func line(v call.Verdict, reason string) string { return v.Word() + "  " + reason }

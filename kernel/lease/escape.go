package lease

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escape makes s safe to show on a terminal: every control or invisible
// character (ESC, BEL, NUL, a bidi override, a line separator) becomes a
// Go escape (\x1b, \a, \x00, \u202e, \u2028), an invalid UTF-8 byte
// becomes \xff, and a backslash is doubled so the result is unambiguous;
// printable text, quotes included, is kept as it is. Text read from a
// journal or a lock file goes through it before it reaches a terminal.
func Escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x`)
			b.WriteString(strconv.FormatUint(uint64(s[i])|0x100, 16)[1:])
		case r == '\\':
			b.WriteString(`\\`)
		case unicode.IsPrint(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

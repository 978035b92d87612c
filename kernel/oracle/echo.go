package oracle

import (
	"strconv"
	"unicode/utf8"
)

// MaxEcho is how many bytes of a plan or phase an answer echoes back. A
// caller may ask about any string, and all of it is matched; only what is
// printed (the text line, the JSON plan and phase) is cut, so a 100 KB
// phase does not come back whole on every answer.
const MaxEcho = 200

// Echo returns s as an answer prints it: whole when it is at most MaxEcho
// bytes, else its first MaxEcho bytes (cut on a character boundary) and a
// note of how many more there were.
func Echo(s string) string {
	if len(s) <= MaxEcho {
		return s
	}
	cut := MaxEcho
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…(+" + strconv.Itoa(len(s)-cut) + " bytes)"
}

package cli

import (
	"io"
	"os"
	"strings"
)

// ANSI styles for verdict lines.
const (
	boldGreen = "\x1b[1;32m"
	boldRed   = "\x1b[1;31m"
	yellow    = "\x1b[33m"
	green     = "\x1b[32m"
	reset     = "\x1b[0m"
)

// useColor decides whether text output is coloured: on for a terminal,
// off with NO_COLOR set (which wins) or DOS_COLOR=never|0|false, forced on
// with DOS_COLOR=always. JSON is never coloured.
func useColor(w io.Writer, getenv func(string) string) bool {
	if getenv("NO_COLOR") != "" {
		return false
	}
	switch strings.ToLower(getenv("DOS_COLOR")) {
	case "never", "0", "false":
		return false
	case "always":
		return true
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// colorize marks the verdict word of a one-line answer green when the exit
// code is 0 and red otherwise, and each evidence source "(via <source>)"
// by how far it can be trusted: none red, a forgeable commit subject
// yellow, the rest green. The bytes are otherwise unchanged.
func colorize(text string, exit int) string {
	word, rest, _ := strings.Cut(text, " ")
	style := boldGreen
	if exit != 0 {
		style = boldRed
	}
	line := style + word + reset
	if rest == "" {
		return line
	}
	var b strings.Builder
	for {
		at, src, n := nextVia(rest)
		if n == 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:at])
		b.WriteString(viaStyle(src, exit) + rest[at:at+n] + reset)
		rest = rest[at+n:]
	}
	return line + " " + b.String()
}

// nextVia finds the first "(via <source>)" in s whose source is lower-case
// letters and dashes: where it starts, the source, and its length (0 when
// there is none).
func nextVia(s string) (at int, src string, n int) {
	const open = "(via "
	for from := 0; ; {
		i := strings.Index(s[from:], open)
		if i < 0 {
			return 0, "", 0
		}
		i += from
		j := i + len(open)
		k := j
		for k < len(s) && (s[k] >= 'a' && s[k] <= 'z' || s[k] == '-') {
			k++
		}
		if k > j && k < len(s) && s[k] == ')' {
			return i, s[j:k], k + 1 - i
		}
		from = i + 1
	}
}

// viaStyle is the colour of an evidence source.
func viaStyle(src string, exit int) string {
	switch {
	case src == "none":
		return boldRed
	case src == "grep-subject":
		return yellow
	case exit != 0:
		return boldRed
	}
	return green
}

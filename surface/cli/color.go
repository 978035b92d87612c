package cli

import (
	"io"
	"os"
	"regexp"
	"strings"
	"sync"
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

var viaRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\(via ([a-z-]+)\)`) })

// colorize marks the verdict word of a one-line answer green when the exit
// code is 0 and red otherwise, and the evidence source by how far it can
// be trusted: none red, a forgeable commit subject yellow, the rest green.
// The bytes are otherwise unchanged.
func colorize(text string, exit int) string {
	word, rest, _ := strings.Cut(text, " ")
	style := boldGreen
	if exit != 0 {
		style = boldRed
	}
	line := style + word + reset
	if rest != "" {
		line += " " + viaRE().ReplaceAllStringFunc(rest, func(m string) string {
			src := viaRE().FindStringSubmatch(m)[1]
			switch src {
			case "none":
				return boldRed + m + reset
			case "grep-subject":
				return yellow + m + reset
			}
			if exit != 0 {
				return boldRed + m + reset
			}
			return green + m + reset
		})
	}
	return line
}

package install

import (
	"path/filepath"
	"strings"
)

// Binaries says which program the hook commands run: the dos-hook binary
// when there is one, else dos itself through its hook verb.
type Binaries struct {
	// Hook is the absolute path of dos-hook, or "" when none was found.
	Hook string
	// Dos is the absolute path of dos, used when Hook is "".
	Dos string
}

// Command returns the command line an entry runs for verb on host h:
// "<dos-hook> <verb> --dialect <host>", or "<dos> hook <verb> --dialect
// <host>" without a dos-hook binary. Paths are shell-quoted when needed,
// since the hosts run the command through a shell.
func (b Binaries) Command(v Verb, h Host) string {
	if b.Hook != "" {
		return shellQuote(b.Hook) + " " + string(v) + " --dialect " + string(h)
	}
	dos := b.Dos
	if dos == "" {
		dos = "dos"
	}
	return shellQuote(dos) + " hook " + string(v) + " --dialect " + string(h)
}

// Program returns the program the commands start.
func (b Binaries) Program() string {
	if b.Hook != "" {
		return b.Hook
	}
	return b.Dos
}

// shellQuote quotes s for a POSIX shell when it holds anything but plain
// path characters.
func shellQuote(s string) string {
	if s == "" {
		return "''"
	}
	plain := true
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("/._-+:@%,=", r)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// DosVerb reports whether command runs a dos hook verb, in either form
// ("…/dos-hook <verb> …" or "…/dos hook <verb> …"), and which verb.
func DosVerb(command string) (Verb, bool) {
	words := shellWords(command)
	if len(words) < 2 {
		return "", false
	}
	prog := strings.ToLower(filepath.Base(strings.ReplaceAll(words[0], `\`, "/")))
	prog = strings.TrimSuffix(prog, ".exe")
	var verb string
	switch {
	case prog == "dos-hook":
		verb = words[1]
	case prog == "dos" && words[1] == "hook" && len(words) >= 3:
		verb = words[2]
	default:
		return "", false
	}
	switch v := Verb(verb); v {
	case PreTool, PostTool, Stop, Marker:
		return v, true
	}
	return "", false
}

// shellWords splits a command line into words the way a POSIX shell would
// for simple commands: blanks separate, single quotes are literal, double
// quotes and backslashes escape. It is enough to read back what
// [Binaries.Command] writes and what people type by hand.
func shellWords(s string) []string {
	var words []string
	var cur strings.Builder
	in := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if in {
				words = append(words, cur.String())
				cur.Reset()
				in = false
			}
		case c == '\'':
			in = true
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				cur.WriteString(s[i+1:])
				i = len(s)
			} else {
				cur.WriteString(s[i+1 : i+1+j])
				i += j + 1
			}
		case c == '"':
			in = true
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`", s[i+1]) >= 0 {
					i++
				}
				cur.WriteByte(s[i])
			}
		case c == '\\' && i+1 < len(s):
			in = true
			i++
			cur.WriteByte(s[i])
		default:
			in = true
			cur.WriteByte(c)
		}
	}
	if in {
		words = append(words, cur.String())
	}
	return words
}

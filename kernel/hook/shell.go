package hook

import "strings"

// This file is a small shell reader: enough of POSIX sh and bash to find
// where a command line writes. It splits a line into simple commands at
// the control operators (; & | && || |& newline and parentheses), removes
// quotes from words, records redirections with their targets, skips
// comments and here-document bodies, and collects the bodies of command
// and process substitutions so they can be read as commands too. It never
// expands anything: a word holding an expansion is marked dynamic.

// word is one shell word after quote removal.
type word struct {
	text string
	// dynamic marks a word whose value the shell computes ($VAR, $(..),
	// `..`, ${..}): its text is not the value.
	dynamic bool
	// quoted marks a word with any quoted part (a quoted glob is literal).
	quoted bool
	// raw is the word as typed, quotes and backslashes kept (a Windows
	// path such as C:\Tools\python.exe reads differently raw).
	raw string
}

// redirOp is a redirection operator.
type redir struct {
	op     string
	target word
}

// writes reports whether the redirection opens its target for writing.
func (r redir) writes() bool {
	switch r.op {
	case ">", ">>", ">|", "&>", "&>>", "<>":
		return true
	case ">&":
		// ">&2" and ">&-" duplicate a descriptor; ">& file" is a file.
		return !isFD(r.target.text)
	}
	return false
}

func isFD(s string) bool {
	if s == "-" {
		return true
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// cmdKind tells a parsed command from the subshell brackets around it.
type cmdKind int

const (
	cmdSimple cmdKind = iota
	cmdOpen           // "(": a subshell starts; cd inside stays inside
	cmdClose          // ")"
)

// simple is one simple command.
type simple struct {
	kind   cmdKind
	words  []word
	redirs []redir
}

// script is a parsed command line.
type script struct {
	cmds []simple
	// substs are the bodies of command and process substitutions.
	substs []string
	// broken reports an unterminated quote or substitution: the reader
	// could not be sure where words end.
	broken bool
}

// parseShell reads a command line.
func parseShell(src string) script {
	p := &shParser{src: src}
	p.run()
	return p.out
}

type shParser struct {
	src string
	i   int
	out script

	cur      simple
	w        strings.Builder
	inWord   bool
	wDynamic bool
	wQuoted  bool
	// wStart is where the word being read starts in src.
	wStart int
	// pending is a redirection waiting for its target word.
	pending *redir
	// heredocs are delimiters whose bodies start at the next newline.
	heredocs []heredoc
}

type heredoc struct {
	delim string
	tabs  bool
}

func (p *shParser) run() {
	for p.i < len(p.src) {
		if !p.inWord {
			p.wStart = p.i
		}
		c := p.src[p.i]
		switch {
		case c == ' ' || c == '\t':
			p.endWord()
			p.i++
		case c == '\\':
			if p.i+1 < len(p.src) && p.src[p.i+1] == '\n' {
				p.i += 2 // line continuation
				continue
			}
			p.inWord = true
			if p.i+1 < len(p.src) {
				p.w.WriteByte(p.src[p.i+1])
				p.wQuoted = true
			}
			p.i += 2
		case c == '\'':
			p.inWord, p.wQuoted = true, true
			end := strings.IndexByte(p.src[p.i+1:], '\'')
			if end < 0 {
				p.w.WriteString(p.src[p.i+1:])
				p.out.broken = true
				p.i = len(p.src)
				continue
			}
			p.w.WriteString(p.src[p.i+1 : p.i+1+end])
			p.i += end + 2
		case c == '"':
			p.inWord, p.wQuoted = true, true
			p.i++
			p.double()
		case c == '`':
			p.inWord, p.wDynamic = true, true
			p.backtick()
		case c == '$':
			p.dollar()
		case c == '#' && !p.inWord:
			for p.i < len(p.src) && p.src[p.i] != '\n' {
				p.i++
			}
		case c == '\n':
			p.endCommand()
			p.i++
			p.skipHeredocs()
		case c == ';' || c == '&' || c == '|':
			p.operator()
		case c == '(' || c == ')':
			if c == '(' && p.inWord {
				// a word followed by "(": a function definition or a glob
				// pattern; read it as part of the word.
				p.w.WriteByte(c)
				p.i++
				continue
			}
			p.endCommand()
			kind := cmdOpen
			if c == ')' {
				kind = cmdClose
			}
			p.out.cmds = append(p.out.cmds, simple{kind: kind})
			p.i++
		case c == '<' || c == '>':
			p.redirect()
		default:
			p.inWord = true
			p.w.WriteByte(c)
			p.i++
		}
	}
	p.endCommand()
	if p.pending != nil {
		p.out.broken = true
	}
}

// double reads a double-quoted part; p.i is just past the opening quote.
func (p *shParser) double() {
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch c {
		case '"':
			p.i++
			return
		case '\\':
			if p.i+1 < len(p.src) && strings.IndexByte("$`\"\\\n", p.src[p.i+1]) >= 0 {
				if p.src[p.i+1] != '\n' {
					p.w.WriteByte(p.src[p.i+1])
				}
				p.i += 2
				continue
			}
			p.w.WriteByte(c)
			p.i++
		case '`':
			p.wDynamic = true
			p.backtick()
		case '$':
			p.dollar()
		default:
			p.w.WriteByte(c)
			p.i++
		}
	}
	p.out.broken = true
}

// backtick reads `...`; p.i is at the opening backtick.
func (p *shParser) backtick() {
	var body strings.Builder
	for j := p.i + 1; j < len(p.src); j++ {
		switch p.src[j] {
		case '\\':
			if j+1 < len(p.src) {
				body.WriteByte(p.src[j+1])
				j++
			}
		case '`':
			p.out.substs = append(p.out.substs, body.String())
			p.w.WriteString("$(...)")
			p.i = j + 1
			return
		default:
			body.WriteByte(p.src[j])
		}
	}
	p.out.broken = true
	p.out.substs = append(p.out.substs, body.String())
	p.i = len(p.src)
}

// dollar reads an expansion starting at p.i ('$').
func (p *shParser) dollar() {
	p.inWord = true
	rest := p.src[p.i:]
	switch {
	case strings.HasPrefix(rest, "$(("):
		end := matchParen(p.src, p.i+1)
		p.wDynamic = true
		p.w.WriteString("$((...))")
		p.i = end
	case strings.HasPrefix(rest, "$("):
		end := matchParen(p.src, p.i+1)
		if end > len(p.src) || p.src[end-1] != ')' {
			p.out.broken = true
			p.out.substs = append(p.out.substs, p.src[p.i+2:])
			p.i = len(p.src)
		} else {
			p.out.substs = append(p.out.substs, p.src[p.i+2:end-1])
			p.i = end
		}
		p.wDynamic = true
		p.w.WriteString("$(...)")
	case strings.HasPrefix(rest, "${"):
		end := strings.IndexByte(rest, '}')
		p.wDynamic = true
		if end < 0 {
			p.out.broken = true
			p.w.WriteString(rest)
			p.i = len(p.src)
			return
		}
		p.w.WriteString(rest[:end+1])
		p.i += end + 1
	case strings.HasPrefix(rest, "$'"):
		// ANSI-C quoting: a literal with backslash escapes.
		p.wQuoted = true
		j := p.i + 2
		for j < len(p.src) && p.src[j] != '\'' {
			if p.src[j] == '\\' && j+1 < len(p.src) {
				j++
			}
			p.w.WriteByte(p.src[j])
			j++
		}
		if j >= len(p.src) {
			p.out.broken = true
		}
		p.i = j + 1
	default:
		j := p.i + 1
		if j < len(p.src) && strings.IndexByte("@*#?$!-0123456789", p.src[j]) >= 0 {
			j++
		} else {
			for j < len(p.src) && isNameByte(p.src[j]) {
				j++
			}
		}
		if j == p.i+1 {
			// a lone '$' is a literal dollar.
			p.w.WriteByte('$')
			p.i++
			return
		}
		p.wDynamic = true
		p.w.WriteString(p.src[p.i:j])
		p.i = j
	}
}

func isNameByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// matchParen returns the index just past the parenthesis that closes the
// one at src[open], honouring quotes and nesting; len(src)+1 when it is
// never closed.
func matchParen(src string, open int) int {
	depth := 0
	for j := open; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case '\'':
			k := strings.IndexByte(src[j+1:], '\'')
			if k < 0 {
				return len(src) + 1
			}
			j += k + 1
		case '"':
			for j++; j < len(src) && src[j] != '"'; j++ {
				if src[j] == '\\' {
					j++
				}
			}
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j + 1
			}
		}
	}
	return len(src) + 1
}

// operator reads ; & | and their two-character forms, ending the command.
func (p *shParser) operator() {
	c := p.src[p.i]
	if c == '&' && p.i+1 < len(p.src) && p.src[p.i+1] == '>' {
		p.redirect()
		return
	}
	p.endCommand()
	p.i++
	if p.i < len(p.src) {
		n := p.src[p.i]
		if (c == '&' && n == '&') || (c == '|' && (n == '|' || n == '&')) || (c == ';' && n == ';') {
			p.i++
		}
	}
}

// redirect reads a redirection operator at p.i, with a descriptor number
// already read into the word if there is one.
func (p *shParser) redirect() {
	if p.inWord && !p.wQuoted && !p.wDynamic && isFD(p.w.String()) && p.w.String() != "-" {
		p.w.Reset()
		p.inWord = false
	} else {
		p.endWord()
	}
	rest := p.src[p.i:]
	// process substitution: <(cmd) or >(cmd) is a word, not a redirection.
	if len(rest) > 1 && rest[1] == '(' && rest[0] != '&' {
		end := matchParen(p.src, p.i+1)
		if end > len(p.src) {
			p.out.broken = true
			p.out.substs = append(p.out.substs, p.src[p.i+2:])
			p.i = len(p.src)
		} else {
			p.out.substs = append(p.out.substs, p.src[p.i+2:end-1])
			p.i = end
		}
		p.inWord, p.wDynamic = true, true
		p.w.WriteString("/dev/fd/?")
		return
	}
	var op string
	for _, o := range []string{"&>>", "&>", "<<<", "<<-", "<<", "<>", "<&", ">>", ">|", ">&", "<", ">"} {
		if strings.HasPrefix(rest, o) {
			op = o
			break
		}
	}
	p.i += len(op)
	p.pending = &redir{op: op}
}

// endWord finishes the word being read.
func (p *shParser) endWord() {
	if !p.inWord {
		return
	}
	w := word{text: p.w.String(), dynamic: p.wDynamic, quoted: p.wQuoted, raw: p.src[p.wStart:min(p.i, len(p.src))]}
	p.w.Reset()
	p.inWord, p.wDynamic, p.wQuoted = false, false, false
	if p.pending != nil {
		r := *p.pending
		p.pending = nil
		r.target = w
		if r.op == "<<" || r.op == "<<-" {
			p.heredocs = append(p.heredocs, heredoc{delim: w.text, tabs: r.op == "<<-"})
		}
		p.cur.redirs = append(p.cur.redirs, r)
		return
	}
	p.cur.words = append(p.cur.words, w)
}

// endCommand finishes the simple command being read.
func (p *shParser) endCommand() {
	p.endWord()
	if len(p.cur.words) > 0 || len(p.cur.redirs) > 0 {
		p.out.cmds = append(p.out.cmds, p.cur)
	}
	p.cur = simple{}
}

// skipHeredocs skips the bodies of the here-documents opened on the line
// just ended; p.i is at the start of the next line.
func (p *shParser) skipHeredocs() {
	for _, h := range p.heredocs {
		for p.i < len(p.src) {
			end := strings.IndexByte(p.src[p.i:], '\n')
			line := p.src[p.i:]
			next := len(p.src)
			if end >= 0 {
				line = p.src[p.i : p.i+end]
				next = p.i + end + 1
			}
			p.i = next
			if h.tabs {
				line = strings.TrimLeft(line, "\t")
			}
			if line == h.delim {
				break
			}
		}
	}
	p.heredocs = nil
}

package hook

import (
	"path"
	"strings"
)

// target is one place a call may write.
type target struct {
	// path is the path as written (quotes removed); relative paths start
	// at dir, then at the call's working directory.
	path string
	// dir is the directory a cd inside the command moved to ("" = none).
	dir string
	// subtree marks a target whose whole subtree is written or removed
	// (rm -r, mv of a directory): anything under it is hit too.
	subtree bool
}

// shellFootprint is what a command line writes.
type shellFootprint struct {
	targets []target
	// unknown is set when some part of the command may write somewhere
	// the reader cannot name (an unknown program, a dynamic target).
	unknown bool
}

// maxShellDepth bounds nested sh -c, eval and substitutions.
const maxShellDepth = 8

// classifyShell finds the write targets of a command line.
func classifyShell(cmd string) shellFootprint {
	var fp shellFootprint
	classifyInto(&fp, cmd, "", 0)
	return fp
}

func classifyInto(fp *shellFootprint, cmd, dir string, depth int) {
	if depth > maxShellDepth {
		fp.unknown = true
		return
	}
	s := parseShell(cmd)
	if s.broken {
		fp.unknown = true
	}
	c := &classifier{fp: fp, dir: dir, depth: depth}
	for _, sc := range s.cmds {
		c.command(sc)
	}
	for _, sub := range s.substs {
		classifyInto(fp, sub, dir, depth+1)
	}
}

type classifier struct {
	fp    *shellFootprint
	dir   string
	stack []string
	// lost is set once a cd went somewhere the reader cannot name.
	lost  bool
	depth int
}

func (c *classifier) command(sc simple) {
	switch sc.kind {
	case cmdOpen:
		c.stack = append(c.stack, c.dir)
		return
	case cmdClose:
		if n := len(c.stack); n > 0 {
			c.dir, c.stack = c.stack[n-1], c.stack[:n-1]
		}
		return
	}
	for _, r := range sc.redirs {
		if r.writes() {
			c.add(r.target, false)
		}
	}
	c.run(sc.words)
}

// add records a write to w.
func (c *classifier) add(w word, subtree bool) {
	if w.dynamic || (c.lost && !isAbs(w.text)) {
		c.fp.unknown = true
		return
	}
	if w.text == "" {
		return
	}
	c.fp.targets = append(c.fp.targets, target{path: w.text, dir: c.dir, subtree: subtree})
}

func isAbs(p string) bool { return strings.HasPrefix(p, "/") || strings.HasPrefix(p, "~") }

// isKeyword reports a shell reserved word that may open a simple command.
func isKeyword(s string) bool {
	switch s {
	case "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "{", "}", "esac":
		return true
	}
	return false
}

// run classifies one command's words (after its redirections).
func (c *classifier) run(ws []word) {
	for len(ws) > 0 && !ws[0].quoted && isKeyword(ws[0].text) {
		ws = ws[1:]
	}
	// leading NAME=value assignments
	for len(ws) > 0 && isAssignment(ws[0]) {
		ws = ws[1:]
	}
	if len(ws) == 0 {
		return
	}
	if ws[0].dynamic {
		c.fp.unknown = true
		return
	}
	prog := strings.ToLower(path.Base(ws[0].text))
	args := ws[1:]
	if next, ok := c.unwrap(prog, args); ok {
		c.run(next)
		return
	}
	switch {
	case readOnly.Get()[prog]:
		return
	case prog == "for" || prog == "case" || prog == "function" || prog == "select":
		return
	case prog == "cd" || prog == "pushd":
		c.cd(args)
		return
	case prog == "popd":
		c.lost = true
		return
	case prog == "git":
		if gitReadOnly(args) || c.gitWrites(args) {
			return
		}
	case prog == "gh":
		if ghReadOnly(args) {
			return
		}
	case prog == "find":
		if findReadOnly(args) {
			return
		}
	case prog == "sh" || prog == "bash" || prog == "zsh" || prog == "dash" || prog == "ksh":
		if script, ok := shellDashC(args); ok {
			classifyInto(c.fp, script.text, c.dir, c.depth+1)
			if script.dynamic {
				c.fp.unknown = true
			}
			return
		}
	case prog == "xargs":
		rest, _ := skipOptions(args, "IiLlnPsdEa", []string{"--max-args", "--max-procs", "--max-chars", "--delimiter", "--eof", "--arg-file", "--replace", "--max-lines"})
		// xargs appends arguments we cannot see: only a read-only program
		// is safe to run under it.
		if len(rest) > 0 && !readOnly.Get()[strings.ToLower(path.Base(rest[0].text))] {
			c.fp.unknown = true
		}
		return
	case prog == "eval":
		var b strings.Builder
		for i, a := range args {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(a.text)
			if a.dynamic {
				c.fp.unknown = true
			}
		}
		classifyInto(c.fp, b.String(), c.dir, c.depth+1)
		return
	}
	if w, ok := writers.Get()[prog]; ok {
		if w(c, args) {
			return
		}
	}
	c.scrape(args)
}

func isAssignment(w word) bool {
	eq := strings.IndexByte(w.text, '=')
	if eq <= 0 {
		return false
	}
	for i := 0; i < eq; i++ {
		if !isNameByte(w.text[i]) {
			return false
		}
	}
	return !(w.text[0] >= '0' && w.text[0] <= '9')
}

// scrape is the fallback for a program we cannot read: every argument
// that looks like a file path (a slash, not an option, a dot in its last
// segment) counts as written; with none, the footprint is unknown.
func (c *classifier) scrape(args []word) {
	found := false
	for _, a := range args {
		t := strings.Trim(a.text, `"'()<>`)
		if a.dynamic || strings.HasPrefix(t, "-") || !strings.Contains(t, "/") {
			continue
		}
		if !strings.Contains(path.Base(t), ".") {
			continue
		}
		c.add(word{text: t, quoted: a.quoted}, false)
		found = true
	}
	if !found {
		c.fp.unknown = true
	}
}

// cd moves the classifier's directory.
func (c *classifier) cd(args []word) {
	var dest *word
	for i := range args {
		a := args[i]
		if a.text == "--" {
			continue
		}
		if strings.HasPrefix(a.text, "-") && a.text != "-" {
			continue
		}
		dest = &args[i]
		break
	}
	switch {
	case dest == nil:
		c.dir, c.lost = "~", false
	case dest.dynamic || dest.text == "-":
		c.lost = true
	case isAbs(dest.text):
		c.dir, c.lost = dest.text, false
	default:
		c.dir = joinDir(c.dir, dest.text)
	}
}

func joinDir(dir, p string) string {
	if dir == "" {
		return p
	}
	return dir + "/" + p
}

// unwrap looks through a wrapper (sudo, env, nice, time, ...) to the
// command it runs. ok is false when prog is not a wrapper or runs nothing.
func (c *classifier) unwrap(prog string, args []word) ([]word, bool) {
	switch prog {
	case "sudo", "doas":
		rest, _ := skipOptions(args, "ugpChDrtUT", []string{"--user", "--group", "--prompt", "--close-from", "--host", "--chdir", "--role", "--type", "--other-user", "--command-timeout"})
		return rest, len(rest) > 0
	case "env":
		rest, _ := skipOptions(args, "uCS", []string{"--unset", "--chdir", "--split-string"})
		for len(rest) > 0 && isAssignment(rest[0]) {
			rest = rest[1:]
		}
		return rest, len(rest) > 0
	case "nice", "ionice", "chrt", "taskset", "stdbuf":
		rest, _ := skipOptions(args, "nciopeP", []string{"--adjustment", "--class", "--classdata", "--pid"})
		if prog == "taskset" || prog == "chrt" {
			// a CPU list or priority comes first
			if len(rest) > 0 {
				rest = rest[1:]
			}
		}
		return rest, len(rest) > 0
	case "time", "nohup", "command", "builtin", "exec", "unbuffer", "caffeinate":
		if prog == "command" && len(args) > 0 && (args[0].text == "-v" || args[0].text == "-V") {
			return nil, false
		}
		rest, _ := skipOptions(args, "f", nil)
		return rest, len(rest) > 0
	case "timeout":
		rest, _ := skipOptions(args, "ks", []string{"--kill-after", "--signal"})
		if len(rest) > 0 {
			rest = rest[1:] // the duration
		}
		return rest, len(rest) > 0
	}
	return nil, false
}

// skipOptions drops leading options. withArg lists the short options that
// take a value (attached or the next word); long lists the long options
// that take one when not written with "=".
func skipOptions(args []word, withArg string, long []string) (rest []word, opts []word) {
	for i := 0; i < len(args); i++ {
		a := args[i].text
		if a == "--" {
			return args[i+1:], opts
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			return args[i:], opts
		}
		opts = append(opts, args[i])
		if strings.HasPrefix(a, "--") {
			if !strings.Contains(a, "=") {
				for _, l := range long {
					if a == l {
						i++
						break
					}
				}
			}
			continue
		}
		for j := 1; j < len(a); j++ {
			if strings.IndexByte(withArg, a[j]) >= 0 {
				if j == len(a)-1 {
					i++
				}
				break
			}
		}
	}
	return nil, opts
}

// shellDashC returns the script of sh -c SCRIPT.
func shellDashC(args []word) (word, bool) {
	for i, a := range args {
		if !strings.HasPrefix(a.text, "-") {
			return word{}, false
		}
		if strings.HasPrefix(a.text, "--") {
			continue
		}
		if strings.Contains(a.text, "c") && i+1 < len(args) {
			return args[i+1], true
		}
	}
	return word{}, false
}

package hook

import (
	"path"
	"strings"

	"github.com/dispatchos/dos/internal/lazy"
)

// readOnly are programs that write no file of their own (redirections
// are read separately). The list follows the reference's closed set,
// widened with other common readers. The sets are built on first use: a
// hook process that never classifies a shell command never pays for them.
var readOnly = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return setOf(
		"cat", "grep", "egrep", "fgrep", "rg", "ag", "ack", "head", "tail", "wc", "ls", "ll", "stat", "du", "df",
		"pwd", "echo", "printf", "which", "whereis", "type", "diff", "cmp", "comm", "cut", "tr", "nl",
		"basename", "dirname", "realpath", "readlink", "md5sum", "sha1sum", "sha256sum", "sha512sum",
		"cksum", "b2sum", "file", "less", "more", "tree", "jq", "yq", "column", "fold", "fmt", "expand",
		"unexpand", "paste", "join", "rev", "tac", "od", "xxd", "hexdump", "strings", "date", "whoami", "id",
		"uname", "hostname", "ps", "pgrep", "top", "uptime", "free", "true", "false", "test", "[", "[[",
		":", "sleep", "seq", "yes", "export", "set", "unset", "alias", "unalias", "read", "exit", "return",
		"shift", "wait", "local", "declare", "typeset", "readonly", "let", "getopts", "trap", "umask",
		"hash", "history", "jobs", "bg", "fg", "disown", "exec", "command", "time", "nohup", "builtin",
		"env", "printenv", "locale", "nproc", "lsof", "ss", "netstat", "tput", "clear", "bat", "fd",
		"zcat", "zgrep", "bzcat", "xzcat", "lsblk", "mount", "findmnt", "groups", "getent", "cal", "expr",
		"numfmt", "tty", "stty", "dmesg", "journalctl",
	)
}}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// gitReadOnlySub are git subcommands that never write the work tree.
var gitReadOnlySub = lazy.Value[map[string]bool]{New: func() map[string]bool {
	return setOf("log", "diff", "status", "show", "blame", "grep", "rev-parse", "rev-list",
		"ls-files", "ls-tree", "ls-remote", "cat-file", "describe", "shortlog", "name-rev", "merge-base",
		"check-ignore", "branch", "tag", "remote", "config", "reflog", "fetch", "whatchanged", "version",
		"help", "for-each-ref", "show-ref", "count-objects", "var", "cherry", "range-diff", "annotate")
}}

// gitReadOnly reports whether git ARGS is read-only for the work tree.
// branch, tag, remote and config are listed: they change refs and git's
// own config, never a tracked file or dos's state.
func gitReadOnly(args []word) bool {
	rest, _ := skipOptions(args, "Cc", []string{"--git-dir", "--work-tree", "--namespace", "--exec-path"})
	if len(rest) == 0 {
		return true
	}
	return gitReadOnlySub.Get()[strings.ToLower(rest[0].text)]
}

// gitWrites reads the git subcommands whose work-tree writes are named on
// the command line: rm, mv and restore write their operands; clean with
// -x or -X removes ignored files (dos's own .dos/ among them) under its
// operands, or under the current directory. It returns false for any
// other subcommand.
func (c *classifier) gitWrites(args []word) bool {
	rest, _ := skipOptions(args, "Cc", []string{"--git-dir", "--work-tree", "--namespace", "--exec-path"})
	if len(rest) == 0 {
		return false
	}
	sub, rest := strings.ToLower(rest[0].text), rest[1:]
	switch sub {
	case "rm", "restore":
		return c.files(rest, "s", []string{"--source", "--pathspec-from-file"}, sub == "rm")
	case "mv":
		return c.copyLike(rest, "", true)
	case "clean":
		opts, pos := splitArgs(rest, "e", []string{"--exclude"})
		ignored := false
		for _, o := range opts {
			if !strings.HasPrefix(o.text, "--") && strings.ContainsAny(o.text, "xX") {
				ignored = true
			}
		}
		if !ignored {
			return true
		}
		if len(pos) == 0 {
			pos = []word{{text: "."}}
		}
		for _, p := range pos {
			c.add(p, true)
		}
		return true
	}
	return false
}

// ghReadOnly: gh commands that write no local file (they talk to the
// forge).
func ghReadOnly(args []word) bool {
	var toks []string
	for _, a := range args {
		if strings.HasPrefix(a.text, "-") {
			continue
		}
		toks = append(toks, strings.ToLower(a.text))
		if len(toks) == 2 {
			break
		}
	}
	if len(toks) == 0 {
		return true
	}
	switch toks[0] {
	case "issue", "pr", "label", "search", "api", "run", "release", "repo", "status", "auth", "browse", "workflow":
		if toks[0] == "release" && len(toks) > 1 && toks[1] == "download" {
			return false
		}
		if toks[0] == "run" && len(toks) > 1 && toks[1] == "download" {
			return false
		}
		if toks[0] == "repo" && len(toks) > 1 && toks[1] == "clone" {
			return false
		}
		if toks[0] == "pr" && len(toks) > 1 && toks[1] == "checkout" {
			return false
		}
		return true
	}
	return false
}

// findReadOnly: find without actions that run commands or write files.
func findReadOnly(args []word) bool {
	for _, a := range args {
		switch a.text {
		case "-delete", "-exec", "-execdir", "-ok", "-okdir", "-fprint", "-fprint0", "-fprintf", "-fls":
			return false
		}
	}
	return true
}

// writerFunc records a known writer's targets. It returns false when it
// cannot read the arguments, sending them to the scrape.
type writerFunc func(c *classifier, args []word) bool

// writers are the programs whose targets are read from their arguments.
var writers = lazy.Value[map[string]writerFunc]{New: func() map[string]writerFunc {
	return map[string]writerFunc{
		"tee": func(c *classifier, a []word) bool { return c.files(a, "", nil, false) },
		"touch": func(c *classifier, a []word) bool {
			return c.files(a, "dtrA", []string{"--date", "--reference"}, false)
		},
		"truncate": func(c *classifier, a []word) bool { return c.files(a, "sr", []string{"--size", "--reference"}, false) },
		"mkdir":    func(c *classifier, a []word) bool { return c.files(a, "m", []string{"--mode", "--context"}, false) },
		"rm":       func(c *classifier, a []word) bool { return c.files(a, "", nil, true) },
		"rmdir":    func(c *classifier, a []word) bool { return c.files(a, "", nil, true) },
		"unlink":   func(c *classifier, a []word) bool { return c.files(a, "", nil, false) },
		"shred": func(c *classifier, a []word) bool {
			return c.files(a, "ns", []string{"--iterations", "--size", "--random-source"}, false)
		},
		"chmod":   func(c *classifier, a []word) bool { return c.afterFirst(a, "", []string{"--reference"}) },
		"chown":   func(c *classifier, a []word) bool { return c.afterFirst(a, "", []string{"--reference", "--from"}) },
		"chgrp":   func(c *classifier, a []word) bool { return c.afterFirst(a, "", []string{"--reference"}) },
		"cp":      func(c *classifier, a []word) bool { return c.copyLike(a, "tSb", false) },
		"ln":      func(c *classifier, a []word) bool { return c.copyLike(a, "tS", false) },
		"mv":      func(c *classifier, a []word) bool { return c.copyLike(a, "tSb", true) },
		"install": (*classifier).install,
		"sed":     (*classifier).sed,
		"perl":    (*classifier).perl,
		"dd":      (*classifier).dd,
		"sort":    (*classifier).sort,
		"curl":    (*classifier).curl,
		"wget":    (*classifier).wget,
	}
}}

// files records every operand as a target.
func (c *classifier) files(args []word, withArg string, long []string, subtree bool) bool {
	_, pos := splitArgs(args, withArg, long)
	for _, p := range pos {
		c.add(p, subtree)
	}
	return true
}

// afterFirst records every operand but the first (a mode or an owner),
// or every operand when --reference names the mode.
func (c *classifier) afterFirst(args []word, withArg string, long []string) bool {
	opts, pos := splitArgs(args, withArg, long)
	ref := false
	for _, o := range opts {
		if strings.HasPrefix(o.text, "--reference") {
			ref = true
		}
	}
	if !ref && len(pos) > 0 {
		pos = pos[1:]
	}
	rec := false
	for _, o := range opts {
		if o.text == "-R" || o.text == "--recursive" {
			rec = true
		}
	}
	for _, p := range pos {
		c.add(p, rec)
	}
	return true
}

// copyLike reads cp, ln and mv: the destination is written (and, for
// mv, every source is removed).
func (c *classifier) copyLike(args []word, withArg string, move bool) bool {
	opts, pos := splitArgs(args, withArg, []string{"--target-directory", "--suffix", "--backup"})
	var dir *word
	for i, o := range opts {
		switch {
		case strings.HasPrefix(o.text, "--target-directory="):
			w := word{text: strings.TrimPrefix(o.text, "--target-directory="), dynamic: o.dynamic}
			dir = &w
		case o.text == "--target-directory" || o.text == "-t":
			if i+1 < len(opts) {
				dir = &opts[i+1]
			}
		case strings.HasPrefix(o.text, "-t") && !strings.HasPrefix(o.text, "--"):
			w := word{text: o.text[2:], dynamic: o.dynamic}
			dir = &w
		}
	}
	srcs := pos
	if dir == nil {
		if len(pos) < 2 {
			return len(pos) == 0 || !move
		}
		srcs, dir = pos[:len(pos)-1], &pos[len(pos)-1]
		if len(srcs) == 1 && !dirLike(dir.text) {
			c.add(*dir, false)
		}
	}
	for _, s := range srcs {
		if move {
			c.add(s, true)
		}
		if s.dynamic {
			c.fp.unknown = true
			continue
		}
		c.add(word{text: strings.TrimSuffix(dir.text, "/") + "/" + path.Base(s.text), dynamic: dir.dynamic}, false)
	}
	return true
}

func dirLike(p string) bool {
	return p == "." || p == ".." || p == "~" || strings.HasSuffix(p, "/")
}

func (c *classifier) install(args []word) bool {
	opts, _ := splitArgs(args, "mogtS", []string{"--mode", "--owner", "--group", "--target-directory", "--suffix"})
	for _, o := range opts {
		if o.text == "-d" || o.text == "--directory" {
			return c.files(args, "mogtS", []string{"--mode", "--owner", "--group", "--target-directory", "--suffix"}, false)
		}
	}
	return c.copyLike(args, "mogtS", false)
}

// sed writes its files only with -i / --in-place.
func (c *classifier) sed(args []word) bool {
	inPlace, script := false, false
	var pos []word
	for i := 0; i < len(args); i++ {
		a := args[i].text
		switch {
		case a == "--":
			pos = append(pos, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "--in-place"):
			inPlace = true
		case a == "--expression" || a == "--file":
			script = true
			i++
		case strings.HasPrefix(a, "--expression=") || strings.HasPrefix(a, "--file="):
			script = true
		case strings.HasPrefix(a, "--"):
			if a == "--line-length" {
				i++
			}
		case strings.HasPrefix(a, "-") && a != "-":
		cluster:
			for j := 1; j < len(a); j++ {
				switch a[j] {
				case 'i':
					inPlace = true
					// BSD sed takes the suffix as the next word: -i ''.
					if j == len(a)-1 && i+1 < len(args) && args[i+1].text == "" && args[i+1].quoted {
						i++
					}
					break cluster
				case 'e', 'f':
					script = true
					if j == len(a)-1 {
						i++
					}
					break cluster
				case 'l':
					if j == len(a)-1 {
						i++
					}
					break cluster
				}
			}
		default:
			pos = append(pos, args[i])
		}
	}
	if !inPlace {
		return true
	}
	if !script && len(pos) > 0 {
		pos = pos[1:]
	}
	for _, p := range pos {
		c.add(p, false)
	}
	return true
}

// perl writes its files only with -i; any other perl may write anything,
// so it falls to the scrape.
func (c *classifier) perl(args []word) bool {
	inPlace, script := false, false
	var pos []word
	for i := 0; i < len(args); i++ {
		a := args[i].text
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, args[i])
			continue
		}
	cluster:
		for j := 1; j < len(a); j++ {
			switch a[j] {
			case 'i':
				inPlace = true
				break cluster
			case 'e', 'E':
				script = true
				if j == len(a)-1 {
					i++
				}
				break cluster
			case 'I', 'M', 'm':
				if j == len(a)-1 {
					i++
				}
				break cluster
			case 'l', '0', 'C', 'x', 'd', 'D':
				break cluster
			}
		}
	}
	if !inPlace {
		return false
	}
	if !script && len(pos) > 0 {
		pos = pos[1:]
	}
	for _, p := range pos {
		c.add(p, false)
	}
	return true
}

func (c *classifier) dd(args []word) bool {
	for _, a := range args {
		if v, ok := strings.CutPrefix(a.text, "of="); ok {
			c.add(word{text: v, dynamic: a.dynamic, quoted: a.quoted}, false)
		}
	}
	return true
}

func (c *classifier) sort(args []word) bool {
	return c.outputOption(args, "o", "--output")
}

func (c *classifier) curl(args []word) bool {
	for _, a := range args {
		if a.text == "-O" || a.text == "--remote-name" || a.text == "--remote-name-all" {
			c.fp.unknown = true
		}
	}
	return c.outputOption(args, "o", "--output")
}

func (c *classifier) wget(args []word) bool {
	for _, a := range args {
		if a.text == "-O" || strings.HasPrefix(a.text, "--output-document") {
			return c.outputOption(args, "O", "--output-document")
		}
	}
	c.fp.unknown = true
	return true
}

// outputOption records the value of -X FILE, -XFILE or --long[=]FILE.
func (c *classifier) outputOption(args []word, short, long string) bool {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a.text == "-"+short || a.text == long:
			if i+1 < len(args) {
				c.add(args[i+1], false)
				i++
			}
		case strings.HasPrefix(a.text, long+"="):
			c.add(word{text: strings.TrimPrefix(a.text, long+"="), dynamic: a.dynamic}, false)
		case strings.HasPrefix(a.text, "-"+short) && !strings.HasPrefix(a.text, "--") && len(a.text) > 2:
			c.add(word{text: a.text[2:], dynamic: a.dynamic}, false)
		}
	}
	return true
}

// splitArgs separates options (with their values) from operands.
func splitArgs(args []word, withArg string, long []string) (opts, pos []word) {
	for i := 0; i < len(args); i++ {
		a := args[i].text
		if a == "--" {
			return opts, append(pos, args[i+1:]...)
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			pos = append(pos, args[i])
			continue
		}
		opts = append(opts, args[i])
		if strings.HasPrefix(a, "--") {
			if !strings.Contains(a, "=") {
				for _, l := range long {
					if a == l && i+1 < len(args) {
						i++
						opts = append(opts, args[i])
						break
					}
				}
			}
			continue
		}
		for j := 1; j < len(a); j++ {
			if strings.IndexByte(withArg, a[j]) >= 0 {
				if j == len(a)-1 && i+1 < len(args) {
					i++
					opts = append(opts, args[i])
				}
				break
			}
		}
	}
	return opts, pos
}

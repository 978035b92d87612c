package hook

import "strings"

// Invocation is one program a command line starts, as the shell reader
// finds it: every simple command of a compound line (&&, ||, ;, |, a
// subshell), of each command or process substitution ($(..), `..`,
// <(..)), and of each script run through sh -c or eval, once the
// wrappers in front of it are looked through.
type Invocation struct {
	// Wrappers are the wrapper programs looked through to reach the
	// program (sudo, env, nice, nohup, time, command, timeout, xargs...),
	// in order, each as [ProgramName] reads it. Their options and
	// operands (nice -n 5, sudo -u x, timeout 10) are skipped.
	Wrappers []string
	// Program is the program's name as [ProgramName] reads it; for a
	// program the shell computes ($CMD, $(which x)) it is the word as
	// written.
	Program string
	// Windows is the program's name read from the word as typed, with
	// backslashes kept as path separators (C:\Tools\python.exe is
	// "python"), when that differs from Program.
	Windows string
	// Dynamic marks a program the shell computes at run time: its name is
	// not in the line.
	Dynamic bool
}

// ProgramName reads a program word the way a capability check compares
// it: the part after the last / or \, lower-cased, without a Windows
// .exe, .cmd or .bat suffix.
func ProgramName(w string) string {
	if i := strings.LastIndexAny(w, `/\`); i >= 0 {
		w = w[i+1:]
	}
	w = strings.ToLower(w)
	for _, ext := range []string{".exe", ".cmd", ".bat"} {
		if strings.HasSuffix(w, ext) && len(w) > len(ext) {
			return strings.TrimSuffix(w, ext)
		}
	}
	return w
}

// Programs lists every program cmd starts, in the order they appear, the
// scripts of sh -c and eval and the substitutions read after the command
// that holds them. A line nested deeper than the reader follows yields a
// dynamic invocation, so a caller never mistakes "too deep" for "none".
func Programs(cmd string) []Invocation {
	var out []Invocation
	programsInto(&out, cmd, 0)
	return out
}

func programsInto(out *[]Invocation, cmd string, depth int) {
	if depth > maxShellDepth {
		*out = append(*out, Invocation{Program: "(nested too deep)", Dynamic: true})
		return
	}
	s := parseShell(cmd)
	for _, sc := range s.cmds {
		if sc.kind != cmdSimple {
			continue
		}
		inv, inner, ok := invocationOf(sc.words)
		if ok {
			*out = append(*out, inv)
		}
		for _, script := range inner {
			programsInto(out, script, depth+1)
		}
	}
	for _, sub := range s.substs {
		programsInto(out, sub, depth+1)
	}
}

// invocationOf reads one simple command's words: the program it starts
// (ok is false for a command that starts none, such as a bare
// assignment) and the scripts it hands to a shell (sh -c, eval).
func invocationOf(ws []word) (inv Invocation, inner []string, ok bool) {
	for len(ws) > 0 && !ws[0].quoted && isKeyword(ws[0].text) {
		ws = ws[1:]
	}
	for len(ws) > 0 && isAssignment(ws[0]) {
		ws = ws[1:]
	}
	var c classifier
	for len(ws) > 0 {
		w, args := ws[0], ws[1:]
		if w.dynamic {
			inv.Program, inv.Dynamic = w.text, true
			if inv.Program == "" {
				inv.Program = w.raw
			}
			return inv, nil, true
		}
		prog := ProgramName(w.text)
		next, wraps := c.unwrap(prog, args)
		if !wraps && prog == "xargs" {
			next, _ = skipOptions(args, "IiLlnPsdEa", []string{"--max-args", "--max-procs", "--max-chars", "--delimiter", "--eof", "--arg-file", "--replace", "--max-lines"})
			wraps = len(next) > 0
		}
		if wraps {
			inv.Wrappers = append(inv.Wrappers, prog)
			ws = next
			continue
		}
		inv.Program = prog
		if win := ProgramName(strings.Trim(w.raw, `"'`)); win != prog && strings.Contains(w.raw, `\`) {
			inv.Windows = win
		}
		switch prog {
		case "sh", "bash", "zsh", "dash", "ksh", "fish":
			if script, ok := shellDashC(args); ok {
				inner = append(inner, script.text)
			}
		case "eval":
			parts := make([]string, len(args))
			for i, a := range args {
				parts[i] = a.text
			}
			inner = append(inner, strings.Join(parts, " "))
		}
		return inv, inner, true
	}
	return inv, nil, len(inv.Wrappers) > 0
}

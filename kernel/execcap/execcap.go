package execcap

import (
	"strconv"
	"strings"

	"github.com/dispatchos/dos/kernel/hook"
)

// Capability is the answer about a command line.
type Capability string

// The capabilities.
const (
	// Bounded: every program the line starts is outside the capability
	// set.
	Bounded Capability = "BOUNDED"
	// Grants: some program the line starts (or a wrapper in front of one)
	// runs code the line does not spell out.
	Grants Capability = "GRANTS_ARBITRARY_EXEC"
	// Empty: the line starts no program.
	Empty Capability = "EMPTY"
)

// Default is the built-in capability set: interpreters, package runners,
// shells, exec wrappers and remote or privileged runners.
var Default = []string{
	"python", "python3", "python2", "node", "deno", "tsx", "ruby", "perl", "php", "lua",
	"npx", "bunx", "npm", "yarn", "pnpm", "bun",
	"bash", "sh", "zsh", "fish",
	"eval", "exec", "xargs",
	"ssh", "sudo",
}

// Segment is one program of the line and what it was judged.
type Segment struct {
	// Program is the program's name; for a computed program, the word as
	// written.
	Program string `json:"program"`
	// Wrappers are the wrappers looked through to reach it, in order.
	Wrappers []string `json:"wrappers"`
	// Hit is the first name of wrappers-then-program in the capability
	// set ("" when none is).
	Hit string `json:"hit"`
	// Dynamic marks a program the shell computes at run time.
	Dynamic bool `json:"dynamic"`
}

// Verdict is the decision about one command line.
type Verdict struct {
	// Capability is the answer.
	Capability Capability
	// Program is the program of the first granting segment, else of the
	// first segment; "" for Empty.
	Program string
	// Reason says why in one line.
	Reason string
	// Segments lists every program the line starts, in order.
	Segments []Segment
}

// Set is a capability set: program names compared after
// [hook.ProgramName].
type Set map[string]bool

// NewSet returns the default set with extra names added (each read by
// [hook.ProgramName]; blanks are skipped).
func NewSet(extra ...string) Set {
	s := Set{}
	for _, n := range Default {
		s[n] = true
	}
	for _, n := range extra {
		if n = hook.ProgramName(strings.TrimSpace(n)); n != "" {
			s[n] = true
		}
	}
	return s
}

// Decide classifies every program cmd starts against set. One granting
// segment makes the whole line GRANTS_ARBITRARY_EXEC; so does a program
// the shell computes at run time ($CMD, $(which python)), whose name the
// line does not hold.
func Decide(cmd string, set Set) Verdict {
	if strings.TrimSpace(cmd) == "" {
		return Verdict{Capability: Empty, Reason: "no command given", Segments: []Segment{}}
	}
	invs := hook.Programs(cmd)
	v := Verdict{Segments: make([]Segment, 0, len(invs))}
	first := -1
	for _, inv := range invs {
		seg := Segment{Program: inv.Program, Wrappers: inv.Wrappers, Dynamic: inv.Dynamic}
		if seg.Wrappers == nil {
			seg.Wrappers = []string{}
		}
		for _, w := range inv.Wrappers {
			if set[w] {
				seg.Hit = w
				break
			}
		}
		if seg.Hit == "" {
			switch {
			case inv.Dynamic:
				if seg.Program == "" {
					seg.Program = "(computed)"
				}
				seg.Hit = seg.Program
			case set[inv.Program]:
				seg.Hit = inv.Program
			case inv.Windows != "" && set[inv.Windows]:
				seg.Hit, seg.Program = inv.Windows, inv.Windows
			}
		}
		if seg.Hit != "" && first < 0 {
			first = len(v.Segments)
		}
		v.Segments = append(v.Segments, seg)
	}
	switch {
	case len(v.Segments) == 0:
		v.Capability, v.Reason = Empty, "the command starts no program"
	case first >= 0:
		s := v.Segments[first]
		v.Capability, v.Program = Grants, s.Program
		switch {
		case s.Dynamic:
			v.Reason = "the program " + s.Program + " is computed when the command runs, so it may be anything"
		case s.Hit != s.Program:
			v.Reason = s.Hit + " runs " + s.Program + " (and " + s.Hit + " grants arbitrary execution itself)"
		default:
			v.Reason = s.Program + " grants arbitrary execution"
		}
		if len(v.Segments) > 1 {
			v.Reason += "; segment " + strconv.Itoa(first+1) + " of " + strconv.Itoa(len(v.Segments))
		}
	default:
		v.Capability, v.Program = Bounded, v.Segments[0].Program
		if len(v.Segments) == 1 {
			v.Reason = v.Program + " is not in the capability set"
		} else {
			v.Reason = "none of the " + strconv.Itoa(len(v.Segments)) + " programs (" + names(v.Segments) + ") is in the capability set"
		}
	}
	return v
}

func names(segs []Segment) string {
	out := make([]string, len(segs))
	for i, s := range segs {
		out[i] = s.Program
	}
	return strings.Join(out, ", ")
}

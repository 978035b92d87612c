package workspace

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/dispatchos/dos/internal/lazy"
)

// MaxScaffoldLanes caps the lanes init derives from top-level directories.
const MaxScaffoldLanes = 12

// scaffoldNoise are directory names never turned into lanes (build output,
// dependencies, caches); names starting with "." are skipped as well.
var scaffoldNoise = []string{"__pycache__", "node_modules", "dist", "build", "target", "venv", "env", "site-packages", "htmlcov"}

// Scaffold is the dos.toml that init writes for a directory.
type Scaffold struct {
	// Concurrent and Exclusive are the lanes written.
	Concurrent, Exclusive []string
	// Skipped are directory names left out on purpose (reserved, noise,
	// not valid UTF-8, past the cap).
	Skipped []string
	// Summary is the one-line account of the lanes.
	Summary string
	// Text is the file.
	Text string
}

// NewScaffold derives lanes from the names of a directory's immediate
// subdirectories: each becomes a concurrent lane writing <name>/**, plus
// an exclusive "global" lane over everything. Hidden and noise directories
// are skipped, and so is a directory named "global", which would collide
// with the exclusive lane. Names are sorted by code point and capped at
// [MaxScaffoldLanes]. With no directory left the file declares one
// single-writer lane, "main". Every key and string is quoted as TOML
// needs, so names such as "my app" or "v1.2" give a valid file.
func NewScaffold(dirs []string) Scaffold {
	var s Scaffold
	var lanes []string
	for _, d := range dirs {
		switch {
		case d == "" || strings.HasPrefix(d, ".") || slices.Contains(scaffoldNoise, d):
		case d == "global" || !utf8.ValidString(d):
			s.Skipped = append(s.Skipped, d)
		default:
			lanes = append(lanes, d)
		}
	}
	slices.Sort(lanes)
	lanes = slices.Compact(lanes)
	if len(lanes) > MaxScaffoldLanes {
		s.Skipped = append(s.Skipped, lanes[MaxScaffoldLanes:]...)
		lanes = lanes[:MaxScaffoldLanes]
	}
	trees := [][2]string{}
	if len(lanes) == 0 {
		s.Concurrent, s.Exclusive = []string{}, []string{"main"}
		trees = append(trees, [2]string{"main", "**/*"})
		s.Summary = "no source dirs detected — scaffolded a single-writer 'main' lane"
	} else {
		s.Concurrent, s.Exclusive = lanes, []string{"global"}
		for _, l := range lanes {
			trees = append(trees, [2]string{l, l + "/**"})
		}
		trees = append(trees, [2]string{"global", "**/*"})
		s.Summary = fmt.Sprintf("derived %d concurrent lane(s) (%s) + an exclusive 'global'", len(lanes), strings.Join(lanes, ", "))
	}
	if slices.Contains(s.Skipped, "global") {
		s.Summary += "; skipped the directory 'global' (the exclusive lane's name)"
	}
	s.Text = renderScaffold(s.Concurrent, s.Exclusive, trees)
	return s
}

func renderScaffold(concurrent, exclusive []string, trees [][2]string) string {
	var b strings.Builder
	b.WriteString(`# dos.toml: the dos workspace configuration.
# Each table is folded over dos's built-in defaults: [lanes] replaces them,
# [paths] and [stamp] override them key by key, [reasons.*] add to them.
# A table left out keeps its defaults. Check this file with 'dos lint'.
workspace = "."

# Lanes are the regions agents may write. Concurrent lanes can be held at the
# same time, so their trees should not overlap; an exclusive lane is held
# alone. autopick is the order a busy or bare request tries lanes in.
[lanes]
`)
	fmt.Fprintf(&b, "concurrent = %s\n", tomlList(concurrent))
	fmt.Fprintf(&b, "exclusive = %s\n", tomlList(exclusive))
	fmt.Fprintf(&b, "autopick = %s\n\n[lanes.trees]\n", tomlList(concurrent))
	for _, t := range trees {
		fmt.Fprintf(&b, "%s = %s\n", tomlKey(t[0]), tomlList([]string{t[1]}))
	}
	b.WriteString(`
# Where plan documents live (a glob relative to this file). dos's own state
# lives under .dos/, which carries its own .gitignore.
[paths]
plans_glob = "docs/**/*-plan.md"

# How a commit subject names the unit of work it ships. The default grammar
# is generic: "AUTH1: message", with or without one directory prefix.
[stamp]
style = "grep"                 # the only grammar dos implements
# subject_dirs = ["src", "lib"]  # only accept subjects starting with one of these dirs
# trailer_stamp = true           # also accept "fix: thing (AUTH AUTH1)"
`)
	return b.String()
}

var bareKey = lazy.Value[*regexp.Regexp]{New: func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9_-]+$`) }}

// tomlKey writes a key bare when TOML allows it, else quoted.
func tomlKey(k string) string {
	if bareKey.Get().MatchString(k) {
		return k
	}
	return tomlString(k)
}

func tomlList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = tomlString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// tomlString writes a TOML basic string, escaping quotes, backslashes and
// control characters.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

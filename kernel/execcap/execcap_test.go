package execcap

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Spec verdicts §5: the reference's observed edge cases, with the
// "Improve" rows where dos answers differently on purpose.
func TestDecide(t *testing.T) {
	for _, c := range []struct {
		cmd, extra string
		want       Capability
		program    string
	}{
		// observed in the reference, same answer
		{"cat eval.txt", "", Bounded, "cat"},
		{"./python", "", Grants, "python"},
		{"env FOO=bar /usr/bin/Python3 x", "", Grants, "python3"},
		{"sudo rm -rf /", "", Grants, "rm"},
		{"", "", Empty, ""},
		{"   ", "", Empty, ""},
		{"FOO=1 BAR=2", "", Empty, ""},
		{"git status", "", Bounded, "git"},
		// Improve: wrapper options are skipped (the reference read "-n" and "-v")
		{"nice -n 5 node x", "", Grants, "node"},
		{"command -v python", "", Bounded, "command"},
		{"time -p python x.py", "", Grants, "python"},
		{"env -i python x.py", "", Grants, "python"},
		{"sudo -u bob ls", "", Grants, "ls"},
		{"nohup ruby a.rb", "", Grants, "ruby"},
		{"timeout -s KILL 10 deno run x", "", Grants, "deno"},
		{"nice -n 5 ls", "", Bounded, "ls"},
		// Improve: every segment of a compound line (the reference read the first)
		{"git status && bash -c x", "", Grants, "bash"},
		{"ls; make", "", Bounded, "ls"},
		{"ls || perl -e 1", "", Grants, "perl"},
		{"cat x | python3 -", "", Grants, "python3"},
		{"echo $(node -e 1)", "", Grants, "node"},
		{"echo `php -r 1`", "", Grants, "php"},
		{"diff <(lua a) b", "", Grants, "lua"},
		{"(cd x && npx y)", "", Grants, "npx"},
		{"if true; then yarn build; fi", "", Grants, "yarn"},
		// sh -c: the shell grants, and its script is read too
		{"sh -c 'git log'", "", Grants, "sh"},
		// xargs grants in itself and names what it runs
		{"find . | xargs -n 1 rm", "", Grants, "rm"},
		// Improve: Windows suffixes and paths
		{"python.exe x.py", "", Grants, "python"},
		{"NODE.CMD x", "", Grants, "node"},
		{"setup.bat", "", Bounded, "setup"},
		{`C:\Python312\python.exe x.py`, "", Grants, "python"},
		{`"C:\Program Files\nodejs\node.exe" x`, "", Grants, "node"},
		// a program computed at run time may be anything
		{"$CMD x", "", Grants, "$CMD"},
		// extra names, from --extra and dos.toml
		{"make test", "make", Grants, "make"},
		{"/usr/bin/MAKE", " make ,", Grants, "make"},
		{"git push", "curl", Bounded, "git"},
		// mentioned, not started
		{"grep -r sudo .", "", Bounded, "grep"},
		{"echo 'python x'", "", Bounded, "echo"},
	} {
		v := Decide(c.cmd, NewSet(strings.Split(c.extra, ",")...))
		if v.Capability != c.want || v.Program != c.program {
			t.Errorf("%q (extra %q): got %s %q (%s), want %s %q", c.cmd, c.extra, v.Capability, v.Program, v.Reason, c.want, c.program)
		}
		if v.Reason == "" {
			t.Errorf("%q: no reason", c.cmd)
		}
	}
}

func TestDecideNamesTheSegmentAndTheWrapper(t *testing.T) {
	v := Decide("ls && sudo -u x make", NewSet())
	if v.Capability != Grants || len(v.Segments) != 2 || v.Segments[1].Hit != "sudo" ||
		strings.Join(v.Segments[1].Wrappers, ",") != "sudo" || !strings.Contains(v.Reason, "segment 2 of 2") {
		t.Errorf("%+v", v)
	}
}

func TestNesting(t *testing.T) {
	deep := strings.Repeat("sh -c '", 1) + "ls" + "'"
	if v := Decide(deep, NewSet()); v.Capability != Grants {
		t.Errorf("%q: %+v", deep, v)
	}
	// a line nested past the reader's depth never reads as bounded
	cmd := strings.Repeat("echo $(", 12) + "ls" + strings.Repeat(")", 12)
	if v := Decide(cmd, NewSet()); v.Capability != Grants {
		t.Errorf("too deep: %+v", v)
	}
}

// FuzzDecide: any line gets a verdict with a reason; GRANTS names a
// program and a hit; EMPTY has no segment.
func FuzzDecide(f *testing.F) {
	for _, s := range []string{"nice -n 5 node x", "a && b || c; d | e", "$(`x`)", "sh -c 'sh -c \"eval x\"'", `C:\a\b.exe`, "env -u", "xargs", "sudo", "timeout", "'", "\"$(", "a=b c=d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := Decide(s, NewSet("make"))
		if v.Reason == "" {
			t.Fatalf("%q: no reason", s)
		}
		switch v.Capability {
		case Grants:
			hit := false
			for _, seg := range v.Segments {
				hit = hit || seg.Hit != ""
			}
			if !hit {
				t.Fatalf("%q: GRANTS without a hit: %+v", s, v)
			}
		case Empty:
			if len(v.Segments) != 0 || v.Program != "" {
				t.Fatalf("%q: EMPTY with segments: %+v", s, v)
			}
		case Bounded:
			for _, seg := range v.Segments {
				if seg.Hit != "" || seg.Dynamic {
					t.Fatalf("%q: BOUNDED with a hit: %+v", s, v)
				}
			}
		default:
			t.Fatalf("%q: capability %q", s, v.Capability)
		}
		if utf8.ValidString(s) && !utf8.ValidString(v.Reason) {
			t.Fatalf("%q: reason not UTF-8", s)
		}
	})
}

package tree

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"agents/apply_*.py", "agents/apply_", true},
		{"go/internal/ui/", "go/internal/ui/", true},
		{"**/*", "", true},
		{"*.py", "", true},
		{`Src\Api\*`, "src/api/", true},
		{"  src/api/**  ", "src/api/", true},
		{"./src/**", "src/", true},
		{"././src//a", "src/a", true},
		{"src//a", "src/a", true},
		{"src/./a/", "src/a/", true},
		{"src/?.py", "src/", true},
		{"src/[ab].py", "src/", true},
		{"src/{a,b}.py", "src/", true},
		{".", "", true},
		{"./", "", true},
		{"src/.*", "src/", true},
		{"src/..*", "src/", true},
		{".github/workflows", ".github/workflows", true},
		{"STRASSE/ß", "strasse/ss", true},
		{"ΣΊΣΥΦΟΣ/x", "σίσυφοσ/x", true},
		{"../etc", "", false},
		{"src/../../x", "", false},
		{"src/*/../../x", "", false},
		{"/etc/passwd", "", false},
		{`C:\x`, "", false},
		{`\\server\share`, "", false},
		{"   ", "", true},
		// ".." is resolved lexically; only a climb above the root escapes.
		{"src/../src/x/**", "src/x/", true},
		{"a/b/../../c", "c", true},
		{"src/..", "", true},
		{"src/../", "", true},
		{"a/b/..", "a/", true},
		{"a..b/x", "a..b/x", true},
		{"src/../../x", "", false},
		{"../outside/**", "", false},
		{"a/**/../x", "", false},
		{"a/*/../x", "", false},
		{"..", "", false},
	}
	for _, c := range cases {
		got, ok := Normalize(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("Normalize(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// Issue 7 item 3: a tree that leaves the repository is an error naming
// the entry, never a silent widening the caller cannot see.
func TestConfine(t *testing.T) {
	for _, bad := range [][]string{
		{"../outside/**"}, {"src/**", "/etc/**"}, {"src/../../x/**"}, {`C:\x`}, {"a/**/../../b"},
	} {
		err := Confine(bad)
		if !errors.Is(err, ErrOutside) {
			t.Errorf("Confine(%q) = %v, want ErrOutside", bad, err)
			continue
		}
		if !strings.Contains(err.Error(), "leaves the repository") {
			t.Errorf("Confine(%q) message %q", bad, err)
		}
	}
	for _, good := range [][]string{nil, {""}, {"src/**", "./docs/*.md"}, {"src/../src/x/**"}, {"**/*"}} {
		if err := Confine(good); err != nil {
			t.Errorf("Confine(%q) = %v, want nil", good, err)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"src/api/**", "./src/**", "src//a", "src/?.py", `Src\Api\*`, "**/*", "../x",
		"/abs", "C:/x", "  ", "", "ß/ẞ", "src/..*", "a/./b/", "{a,b}/c", "\x00", "a\u0130b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := Normalize(s)
		if !ok && p != "" {
			t.Fatalf("escaping entry %q normalized to %q, want the whole repository", s, p)
		}
		// normalizing again never narrows: the second prefix still
		// collides with the first. The prefix has no glob metacharacter,
		// backslash, leading or doubled slash.
		if q, _ := Normalize(p); !Collide(p, q) {
			t.Fatalf("Normalize narrowed on a second pass: %q -> %q -> %q", s, p, q)
		}
		for i := 0; i < len(p); i++ {
			switch p[i] {
			case '*', '?', '[', '{', '\\':
				t.Fatalf("Normalize(%q) = %q keeps a metacharacter", s, p)
			}
		}
		// spelling variants of one path never come out disjoint.
		if ok && s == strings.TrimSpace(s) {
			vs := []string{"./" + s, strings.ReplaceAll(s, "/", "//")}
			if isASCII(s) {
				vs = append(vs, strings.ToUpper(s))
			}
			for _, v := range vs {
				if q := Prefix(v); !Collide(p, q) {
					t.Fatalf("variant %q of %q normalized to %q, disjoint from %q", v, s, q, p)
				}
			}
		}
		if len(p) > 0 && p[0] == '/' {
			t.Fatalf("Normalize(%q) = %q starts with a slash", s, p)
		}
		for i := 1; i < len(p); i++ {
			if p[i] == '/' && p[i-1] == '/' {
				t.Fatalf("Normalize(%q) = %q has a doubled slash", s, p)
			}
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

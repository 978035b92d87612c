package gitref

import (
	"errors"
	"reflect"
	"testing"
)

func TestParseRev(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Rev
	}{
		{"", Rev{Base: "HEAD"}},
		{"@", Rev{Base: "HEAD"}},
		{"main", Rev{Base: "main"}},
		{"HEAD~", Rev{Base: "HEAD", Steps: []Step{{'~', 1}}}},
		{"HEAD~3", Rev{Base: "HEAD", Steps: []Step{{'~', 3}}}},
		{"HEAD~1^", Rev{Base: "HEAD", Steps: []Step{{'~', 1}, {'^', 1}}}},
		{"@^2~0^^", Rev{Base: "HEAD", Steps: []Step{{'^', 2}, {'~', 0}, {'^', 1}, {'^', 1}}}},
		{"v1.0^{}", Rev{Base: "v1.0"}},
		{"v1.0^{commit}~2", Rev{Base: "v1.0", Steps: []Step{{'~', 2}}}},
		{"abc1234^0", Rev{Base: "abc1234", Steps: []Step{{'^', 0}}}},
		{"refs/heads/feature/x~10", Rev{Base: "refs/heads/feature/x", Steps: []Step{{'~', 10}}}},
	} {
		got, err := ParseRev(c.in)
		if err != nil || !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseRev(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"~1", "^", "HEAD~x", "HEAD^{tree}", "HEAD^{", "HEAD@{1}", "a..b", "a...b",
		":/msg", "HEAD:path", "HEAD~99999999999999999999", "main~2x", "with space", "-x^"} {
		if r, err := ParseRev(bad); !errors.Is(err, ErrRevSyntax) && bad != "-x^" {
			t.Errorf("ParseRev(%q) = %+v, %v; want ErrRevSyntax", bad, r, err)
		}
	}
}

// What ParseRev reads, String writes back so that it reads the same.
func FuzzParseRev(f *testing.F) {
	for _, s := range []string{"", "HEAD~1^", "main^2~3", "v1^{}", "a/b~", "@~0", "x^{commit}^", "HEAD@{1}", "a..b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRev(s)
		if err != nil {
			return
		}
		if !ValidName(r.Base) {
			t.Fatalf("%q: base %q is no valid name", s, r.Base)
		}
		again, err := ParseRev(r.String())
		if err != nil || !reflect.DeepEqual(again, r) {
			t.Fatalf("%q: %+v writes as %q, which reads %+v, %v", s, r, r.String(), again, err)
		}
	})
}

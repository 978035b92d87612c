package acceptance

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	for in, want := range map[string][]string{
		`go test ./...`:          {"go", "test", "./..."},
		`  sh  -c 'exit 3' `:     {"sh", "-c", "exit 3"},
		`echo "a \"b\" $x" c\ d`: {"echo", `a "b" $x`, "c d"},
		`''`:                     {""},
		`a"b"'c'`:                {"abc"},
		`printf "\n"`:            {"printf", `\n`},
	} {
		got, err := Split(in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Split(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{`'open`, `"open`, `trailing\`} {
		if _, err := Split(bad); err == nil {
			t.Errorf("Split(%q) should fail", bad)
		}
	}
}

func FuzzSplit(f *testing.F) {
	f.Add(`sh -c 'exit 3'`)
	f.Add(`"a\"b" c\ d`)
	// Whatever Split reads, quoting the words back and splitting again
	// gives the same words.
	f.Fuzz(func(t *testing.T, s string) {
		words, err := Split(s)
		if err != nil {
			return
		}
		var quoted []string
		for _, w := range words {
			quoted = append(quoted, "'"+strings.ReplaceAll(w, "'", `'\''`)+"'")
		}
		again, err := Split(strings.Join(quoted, " "))
		if err != nil || !reflect.DeepEqual(again, words) && !(len(again) == 0 && len(words) == 0) {
			t.Fatalf("Split(%q) = %q; requoted gives %q, %v", s, words, again, err)
		}
	})
}

func TestRun(t *testing.T) {
	dir := t.TempDir()
	if o := Run(context.Background(), dir, "sh -c 'exit 0'"); !o.Ran || o.Code != 0 || o.Name != "sh" {
		t.Errorf("exit 0: %+v", o)
	}
	if o := Run(context.Background(), dir, "sh -c 'exit 3'"); !o.Ran || o.Code != 3 {
		t.Errorf("exit 3: %+v", o)
	}
	if o := Run(context.Background(), dir, "sh -c 'test \"$PWD\" = \"$1\"' x "+dir); !o.Ran || o.Code != 0 {
		t.Errorf("runs in dir: %+v", o)
	}
	if o := Run(context.Background(), dir, "no-such-program-dos"); o.Ran || o.Err == nil {
		t.Errorf("missing program is no signal: %+v", o)
	}
	if o := Run(context.Background(), dir, "sh -c 'exit 1"); o.Ran || o.Err == nil {
		t.Errorf("unparseable is no signal: %+v", o)
	}
}

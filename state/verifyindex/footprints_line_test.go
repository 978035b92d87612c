package verifyindex

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// The direct scan and encoding/json agree on every line the scan accepts,
// and the scan accepts every line Put writes whose strings need no escape.
func FuzzFootprintLine(f *testing.F) {
	for _, s := range []string{
		`{"c":"041e0e8df5a418b230e9c2f465f098899c99516c","t":"9392c39447cd1f59bc79804c62b633eeb179d0d8","u":"9f69a6da46214d3da09a775e6de11d68e5a035c1","p":["src/area10/file4.txt"]}`,
		`{"c":"a","t":"b","u":"c","p":["x","y z","é"]}`,
		`{"c":"a","t":"b","u":"c","p":[]}`,
		`{"c":"a","t":"b","u":"c","p":null}`,
		`{"c":"041e0e8df5a418b230e9c2f465f098899c99516c","p":["src/area10/file4.txt"]}`,
		`{}`,
		`{"p":["x"]}`,
		`{"c":"a","u":"c"}`,
		`{"c":"a",}`,
		`{,"c":"a"}`,
		`{"C":"a","T":"b","u":"c","p":["x"]}`,
		`{"c":"a","t":"b","u":"c","p":["x"],"c":"d"}`,
		`{"c":"a","t":"b","u":"c","p":["a\u003cb","\"q\""]}`,
		"{\"c\":\"a\",\"t\":\"b\",\"u\":\"c\",\"p\":[\"\xff\"]}",
		`{"c":"a","t":"b","u":"c","p":["x"]} `,
		`{"c":"a","t":"b","u":"c","p":["x",]}`,
		`{"c":"a","t":"b","u":"c","p":["x"]`,
		`not json`,
		``,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		got, ok := scanFootprintLine(line)
		var want footprintLine
		err := json.Unmarshal(line, &want)
		if ok && (err != nil || !reflect.DeepEqual(got, want)) {
			t.Fatalf("scan %+v, encoding/json %+v (%v)", got, want, err)
		}
		parsed, perr := parseFootprintLine(line)
		if (perr == nil) != (err == nil) || (err == nil && !reflect.DeepEqual(parsed, want)) {
			t.Fatalf("parse %+v (%v), encoding/json %+v (%v)", parsed, perr, want, err)
		}
		// Round trip: what Put would write for these strings.
		l := footprintLine{Commit: string(line), Tree: "t", Parent: "u", Paths: []string{string(line), "p"}}
		b, err := json.Marshal(l)
		if err != nil {
			t.Fatal(err)
		}
		back, ok := scanFootprintLine(b)
		if ok && !reflect.DeepEqual(back, l) {
			t.Fatalf("round trip of %q: %+v", b, back)
		}
		if !ok && !strings.Contains(string(b), `\`) {
			t.Fatalf("a line as Put writes it was refused: %q", b)
		}
	})
}

// Lines as Put writes them are scanned, not handed to encoding/json.
func TestScanFootprintLineTakesPutsForm(t *testing.T) {
	b, _ := json.Marshal(footprintLine{Commit: "c1", Tree: "t1", Parent: "u1", Paths: []string{"a/b.go", "c d"}})
	l, ok := scanFootprintLine(b)
	if !ok || !reflect.DeepEqual(l, footprintLine{Commit: "c1", Tree: "t1", Parent: "u1", Paths: []string{"a/b.go", "c d"}}) {
		t.Fatalf("scan of %s: %+v %v", b, l, ok)
	}
	// A line of an earlier version, without the trees, is scanned too.
	if l, ok := scanFootprintLine([]byte(`{"c":"c1","p":["a"]}`)); !ok || l.Commit != "c1" || l.Tree != "" || !reflect.DeepEqual(l.Paths, []string{"a"}) {
		t.Fatalf("line without trees: %+v %v", l, ok)
	}
	// An escaped path is still read, through encoding/json.
	l, err := parseFootprintLine([]byte(`{"c":"c1","t":"t1","u":"u1","p":["a\u003cb"]}`))
	if err != nil || !reflect.DeepEqual(l.Paths, []string{"a<b"}) {
		t.Fatalf("escaped path: %+v %v", l, err)
	}
}

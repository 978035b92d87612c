package hookexit

import (
	"strings"
	"testing"
)

// Spec hooks §10, with the Improve: an entry for 0 is honoured.
func TestDecide(t *testing.T) {
	for _, c := range []struct {
		code    int
		mapping string
		want    Verb
		matched bool
	}{
		{0, "", Pass, false},
		{2, "", Block, true}, // observed: exit 2 → BLOCK
		{1, "", Warn, false},
		{137, "", Warn, false},
		{-1, "", Warn, false},
		{1, "1=defer", Defer, true},
		{2, "2=warn", Warn, true}, // --map merges over the default
		{2, "3=observe", Block, true},
		{3, " 3 = Observe , ", Observe, true},
		{0, "0=OBSERVE", Observe, true}, // Improve: the reference answered PASS here
		{0, "1=BLOCK", Pass, false},
	} {
		m, err := ParseMap(c.mapping, DefaultMap())
		if err != nil {
			t.Fatalf("%q: %v", c.mapping, err)
		}
		d := Decide(c.code, m)
		if d.Intervention != c.want || d.Matched != c.matched || d.Code != c.code || !strings.Contains(d.Reason, string(c.want)) {
			t.Errorf("code %d map %q: %+v, want %s matched=%v", c.code, c.mapping, d, c.want, c.matched)
		}
	}
}

func TestParseMapRefuses(t *testing.T) {
	for _, s := range []string{"2", "x=BLOCK", "2=PASS", "2=stop", "=BLOCK", "2=BLOCK,3"} {
		if _, err := ParseMap(s, DefaultMap()); err == nil || !strings.Contains(err.Error(), "CODE=VERB") {
			t.Errorf("%q: %v", s, err)
		}
	}
	base := DefaultMap()
	ParseMap("2=WARN", base)
	if base[2] != Block {
		t.Error("ParseMap changed its base")
	}
}

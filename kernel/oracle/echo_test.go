package oracle

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dispatchos/dos/kernel/stamp"
)

// Issue 7 rough edge: a 100 KB phase is matched whole but echoed capped,
// in the text line and in the JSON alike.
func TestLongPhaseIsMatchedWholeAndEchoedCapped(t *testing.T) {
	phase := "P1" + strings.Repeat("é", 50_000)
	h := memHistory{{sha(0), "AUTH: " + phase + " done", []string{"src/x.go"}, ""}}
	v, err := Verify(stamp.Query{Plan: "AUTH", Phase: phase}, Evidence{History: h}, stamp.Generic(), Policy{})
	if err != nil {
		t.Fatal(err)
	}
	if !v.Shipped || v.Phase != phase {
		t.Fatalf("the whole phase must be matched and kept: shipped=%v", v.Shipped)
	}
	line := v.Line()
	if len(line) > 400 || !utf8.ValidString(line) || !strings.Contains(line, "bytes)") {
		t.Errorf("text line is %d bytes: %.80q", len(line), line)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	if p, _ := m["phase"].(string); len(p) > MaxEcho+40 || !strings.HasPrefix(phase, strings.TrimSuffix(p, p[strings.Index(p, "…"):])) {
		t.Errorf("JSON phase is %d bytes", len(p))
	}
	if Echo("AUTH1") != "AUTH1" {
		t.Error("a short phase must be echoed as it is")
	}
}

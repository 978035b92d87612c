package oracle

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dispatchos/dos/kernel/stamp"
)

// Issue 7 rough edge: a 100 KB phase is matched whole but echoed capped
// (the JSON reply echoes it through Echo too; e2e checks both).
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
	if Echo("AUTH1") != "AUTH1" {
		t.Error("a short phase must be echoed as it is")
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/verbs"
)

// Every CLI verb gets a man page, with its usage arguments kept.
func TestManPagesForEveryVerb(t *testing.T) {
	dir := t.TempDir()
	if err := write(dir); err != nil {
		t.Fatal(err)
	}
	for _, d := range verbs.All() {
		if !d.Has(call.CLI) {
			continue
		}
		name := "dos-" + strings.ReplaceAll(d.Path, " ", "-") + ".1"
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("no page for %s: %v", d.Path, err)
			continue
		}
		if !strings.Contains(string(b), d.Short[:10]) {
			t.Errorf("%s: page lacks its summary", name)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "dos-verify.1"))
	if !strings.Contains(string(b), "PLAN PHASE") {
		t.Errorf("verify's page lost its arguments:\n%s", b)
	}
}

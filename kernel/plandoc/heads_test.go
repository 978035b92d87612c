package plandoc

import (
	"reflect"
	"testing"
)

func TestNumberHeads(t *testing.T) {
	for in, want := range map[string]string{"286_shipping-wheels-plan": "286", "12b_x": "12b", "317": "317", "notes-plan": "", "_3": "", "3-x_y": ""} {
		got, ok := NumberHead(in)
		if got != want || ok != (want != "") {
			t.Errorf("NumberHead(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	shared := SharedHeads([]string{"docs/317_a-plan.md", "docs/x/317_b-plan.md", "docs/12_c-plan.md", "docs/notes-plan.md"})
	if !reflect.DeepEqual(shared, map[string][]string{"317": {"docs/317_a-plan.md", "docs/x/317_b-plan.md"}}) {
		t.Fatalf("SharedHeads = %v", shared)
	}
	if docs, ok := AmbiguousPlan("docs/317", shared); !ok || len(docs) != 2 {
		t.Errorf("docs/317 should be ambiguous: %v %v", docs, ok)
	}
	for _, p := range []string{"docs/317_a", "docs/12", "AUTH", "317x"} {
		if _, ok := AmbiguousPlan(p, shared); ok {
			t.Errorf("%s should not be ambiguous", p)
		}
	}
}

func TestMetaAndOwners(t *testing.T) {
	id, class := Meta("# x\n<!-- plan-meta\nid: AUTH\nclassification: ACTIVE\n-->\nid: LATER\n")
	if id != "AUTH" || class != "active" {
		t.Fatalf("Meta = %q %q", id, class)
	}
	own := Owners([]Doc{
		{Path: "docs/b-plan.md", ID: "AUTH"},
		{Path: "docs/a-plan.md", ID: "AUTH", Classification: "tombstone"},
		{Path: "docs/c-plan.md", ID: "PAY"},
		{Path: "docs/d-plan.md", ID: "PAY"},
		{Path: "docs/e-plan.md"},
	})
	if !reflect.DeepEqual(own, map[string]string{"AUTH": "docs/b-plan.md", "PAY": "docs/c-plan.md"}) {
		t.Fatalf("Owners = %v", own)
	}
	if !SameDoc(`Docs\B-plan.md`, "docs/b-plan.md") || !SameDoc("old/b-plan.md", "docs/b-plan.md") || SameDoc("docs/c-plan.md", "docs/b-plan.md") {
		t.Fatal("SameDoc")
	}
}

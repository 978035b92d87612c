package runid

import "testing"

func TestVectors(t *testing.T) {
	if got := Make(1780000000000, 12345); got != "RID-1KSR49200000C1S" {
		t.Fatalf("root = %s", got)
	}
	if got := Make(1780000000001, 1); got != "RID-1KSR49201000001" {
		t.Fatalf("child = %s", got)
	}
	tm, ok := Parse("RID-1KSR49200000C1S")
	if !ok || tm.UnixMilli() != 1780000000000 {
		t.Fatalf("parse = %v %v", tm, ok)
	}
	for _, bad := range []string{"", "RID-", "RID-1KSR49200000C1", "RID-1KSR49200000C1U", "XID-1KSR49200000C1S"} {
		if _, ok := Parse(bad); ok {
			t.Errorf("Parse(%q) ok", bad)
		}
	}
	if Make(1, 0) >= Make(2, 0) || Make(31, 1<<30-1) >= Make(32, 0) {
		t.Fatal("ids do not sort by time")
	}
}

func TestMintLineage(t *testing.T) {
	root := Mint("fanout", 1780000000000, 12345, "", "")
	if root.ParentID != nil || root.RootID != root.RunID || root.ProcessID != "PROC-fanout" {
		t.Fatalf("root = %+v", root)
	}
	child := Mint("PROC-x", 1780000000001, 1, root.RunID, "")
	if *child.ParentID != root.RunID || child.RootID != root.RunID || child.ProcessID != "PROC-x" {
		t.Fatalf("child = %+v", child)
	}
	if g := Mint("x", 1780000000002, 2, child.RunID, root.RunID); g.RootID != root.RunID {
		t.Fatalf("grandchild root = %s", g.RootID)
	}
}

func FuzzParse(f *testing.F) {
	f.Add("RID-1KSR49200000C1S")
	f.Fuzz(func(t *testing.T, s string) {
		if tm, ok := Parse(s); ok && Make(tm.UnixMilli(), 0)[:13] != s[:13] {
			t.Fatalf("%q does not round-trip", s)
		}
	})
}

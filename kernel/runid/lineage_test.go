package runid

import (
	"slices"
	"testing"
)

func TestLineage(t *testing.T) {
	parents := map[string]string{"c": "b", "b": "a", "d": "b", "x": "y", "y": "x", "a": ""}
	if got := Ancestors("c", parents); !slices.Equal(got, []string{"b", "a"}) {
		t.Fatalf("ancestors = %v", got)
	}
	if got := Ancestors("x", parents); !slices.Equal(got, []string{"y"}) {
		t.Fatalf("a cycle must stop: %v", got)
	}
	if got := Descendants("a", parents); !slices.Equal(got, []string{"b", "c", "d"}) {
		t.Fatalf("descendants = %v", got)
	}
	if got := Descendants("c", parents); len(got) != 0 {
		t.Fatalf("leaf descendants = %v", got)
	}
}

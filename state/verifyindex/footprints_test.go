package verifyindex

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func id(b byte) (h [20]byte) {
	for i := range h {
		h[i] = b
	}
	return h
}

// A commit's entries are found among many others, whatever else the file
// holds; only lines naming the commit as "c" count.
func TestFootprintsFindsACommitAmongMany(t *testing.T) {
	dir := t.TempDir()
	w := NewFootprints(dir)
	for i := range 200 {
		w.Put(id(byte(i)), id(1), id(2), []string{fmt.Sprintf("f%d", i)})
	}
	f, err := os.OpenFile(filepath.Join(dir, "footprints.jsonl"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	// garbage, a line naming 7 only as a parent, a torn last line
	fmt.Fprintf(f, "not json\n{\"c\":\"%x\",\"t\":\"%x\",\"u\":\"%x\",\"p\":[\"wrong\"]}\n{\"c\":\"%x\",\"t\"", id(99), id(1), id(7), id(7))
	f.Close()

	r := NewFootprints(dir)
	if p, ok := r.Get(id(7), id(1), id(2)); !ok || !reflect.DeepEqual(p, []string{"f7"}) {
		t.Fatalf("Get(7) = %v %v", p, ok)
	}
	if _, ok := r.Get(id(7), id(3), id(2)); ok {
		t.Fatal("an entry for other trees was used")
	}
	if p, ok := r.Get(id(199), id(1), id(2)); !ok || !reflect.DeepEqual(p, []string{"f199"}) {
		t.Fatalf("Get(199) = %v %v", p, ok)
	}
	if _, ok := r.Get(id(250), id(1), id(2)); ok {
		t.Fatal("a commit never put was found")
	}
	r.Put(id(250), id(1), id(2), []string{"new"})
	if p, ok := r.Get(id(250), id(1), id(2)); !ok || !reflect.DeepEqual(p, []string{"new"}) {
		t.Fatalf("after Put: %v %v", p, ok)
	}
}

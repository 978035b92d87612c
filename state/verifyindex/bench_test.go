package verifyindex

import (
	"crypto/sha1"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// benchIndex builds an index shaped like a 100,000-commit history.
func benchIndex(b *testing.B) []byte {
	b.Helper()
	cs := make([]Commit, 100_000)
	for i := range cs {
		cs[i] = Commit{Hash: sha1.Sum(fmt.Appendf(nil, "%d", i)), Time: int64(i),
			Subject: fmt.Sprintf("fix(area%d): change %d of the bench history", i%97, i)}
	}
	return Build(cs[0].Hash, 0, cs).Bytes()
}

// BenchmarkWarmRead is the warm path's fixed cost: reading and checking an
// index of 100,000 commits.
func BenchmarkWarmRead(b *testing.B) {
	buf := benchIndex(b)
	path := filepath.Join(b.TempDir(), "x.idx")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		b.Fatal(err)
	}
	x, _ := Decode(buf)
	b.SetBytes(int64(len(buf)))
	b.ResetTimer()
	for range b.N {
		if readIndex(path, x.Tip, 0) == nil {
			b.Fatal("index did not read back")
		}
	}
}

// BenchmarkIntersect looks up a rare token against a token every commit holds.
func BenchmarkIntersect(b *testing.B) {
	x, _ := Decode(benchIndex(b))
	b.ResetTimer()
	for range b.N {
		if len(x.Intersect([]string{"bench", "change", "77777"})) != 1 {
			b.Fatal("want one hit")
		}
	}
}

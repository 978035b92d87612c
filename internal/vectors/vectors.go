// Package vectors loads the test vectors captured from the reference
// implementation (../shared/vectors beside the checkout) for tests. A test
// whose vectors are absent is skipped with the reason, never passed.
package vectors

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Verify is one record of hook/corpus_verify.jsonl: a recorded
// `git log --oneline` window, newest first, and the reference's answer.
type Verify struct {
	Name      string   `json:"name"`
	Plan      string   `json:"plan"`
	Phase     string   `json:"phase"`
	Oneline   []string `json:"oneline"`
	PyShipped bool     `json:"py_shipped"`
	PySource  string   `json:"py_source"`
	PyVia     string   `json:"py_via"`
	PySHA     string   `json:"py_sha"`
}

// EnvDir names another vectors folder, for a checkout whose ../shared is
// elsewhere (a linked worktree).
const EnvDir = "DOS_VECTORS"

// Dir is the vectors folder: $DOS_VECTORS, else ../shared/vectors beside
// the module root.
func Dir() string {
	if d := os.Getenv(EnvDir); d != "" {
		return d
	}
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "vectors")
}

// LoadVerify reads every verify vector, failing on an unknown field and
// skipping the test when the corpus is absent.
func LoadVerify(t testing.TB) []Verify {
	t.Helper()
	path := filepath.Join(Dir(), "hook", "corpus_verify.jsonl")
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		t.Skipf("vector corpus %s is absent (a checkout without ../shared; set %s): not checked", path, EnvDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []Verify
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for sc.Scan() {
		var v Verify
		dec := json.NewDecoder(strings.NewReader(sc.Text()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s line %d: %v", path, len(out)+1, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("%s holds no vectors", path)
	}
	return out
}

// Lines reads the JSON Lines vector file rel (under [Dir]) and returns its
// non-blank lines, skipping the test when the corpus is absent.
func Lines(t testing.TB, rel string) [][]byte {
	t.Helper()
	path := filepath.Join(Dir(), rel)
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skipf("vector corpus %s is absent (a checkout without ../shared; set %s): not checked", path, EnvDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, []byte(l))
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s holds no vectors", path)
	}
	return out
}

package install

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/tailscale/hujson"
)

// testBin is a hook binary path with a space in it, so quoting is exercised.
var testBin = Binaries{Hook: "/opt/dos tools/bin/dos-hook", Dos: "/opt/dos tools/bin/dos"}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// decodeJSONC parses JSON with comments into plain Go values.
func decodeJSONC(t *testing.T, data []byte) map[string]any {
	t.Helper()
	std, err := hujson.Standardize(data)
	if err != nil {
		t.Fatalf("output is not JSONC: %v\n%s", err, data)
	}
	var m map[string]any
	if err := json.Unmarshal(std, &m); err != nil {
		t.Fatalf("output is not a JSON object: %v\n%s", err, data)
	}
	return m
}

// handlers returns the handler objects of event ev under the container path,
// for grouped or flat events.
func handlers(t *testing.T, doc map[string]any, container []string, ev string) []map[string]any {
	t.Helper()
	var cur any = doc
	for _, k := range container {
		cur = cur.(map[string]any)[k]
	}
	arr, _ := cur.(map[string]any)[ev].([]any)
	var out []map[string]any
	for _, el := range arr {
		m := el.(map[string]any)
		if hs, ok := m["hooks"].([]any); ok {
			for _, h := range hs {
				out = append(out, h.(map[string]any))
			}
			continue
		}
		out = append(out, m)
	}
	return out
}

func dosHandlers(t *testing.T, doc map[string]any, container []string, ev string) []map[string]any {
	var out []map[string]any
	for _, h := range handlers(t, doc, container, ev) {
		if c, _ := h["command"].(string); c != "" {
			if _, ok := DosVerb(c); ok {
				out = append(out, h)
			}
		}
	}
	return out
}

func readTestdataFS(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", name))
}

package mcp_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Practice 10: every tool's tools/list entry (name, title, description,
// input and output schemas, annotations), as the bytes a host receives
// from a real dos-mcp, is snapshotted in __toolsnaps__/<tool>.snap with
// sorted keys. A change fails until reviewed: DOS_UPDATE_SNAPS=1 rewrites
// the snapshots; a missing one is written, except under CI where it fails.
func TestToolSnapshots(t *testing.T) {
	r := startRaw(t, t.TempDir(), "--toolsets", "all")
	r.request(1, "initialize", map[string]any{"protocolVersion": "2025-11-25", "capabilities": map[string]any{},
		"clientInfo": map[string]any{"name": "snap", "version": "1"}})
	r.send(map[string]any{"method": "notifications/initialized"})
	list := r.request(2, "tools/list", map[string]any{})
	tools, _ := list["result"].(map[string]any)["tools"].([]any)
	if len(tools) == 0 {
		t.Fatalf("tools/list: %v", list)
	}
	update := os.Getenv("DOS_UPDATE_SNAPS") == "1"
	seen := map[string]bool{}
	for _, tl := range tools {
		m := tl.(map[string]any)
		name := m["name"].(string)
		seen[name+".snap"] = true
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf) // map keys marshal sorted
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(m); err != nil {
			t.Fatal(err)
		}
		got := buf.Bytes()
		file := filepath.Join("__toolsnaps__", name+".snap")
		want, err := os.ReadFile(file)
		switch {
		case update || (err != nil && os.Getenv("CI") == ""):
			if err := os.MkdirAll("__toolsnaps__", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, got, 0o644); err != nil {
				t.Fatal(err)
			}
			if !update {
				t.Logf("wrote the missing snapshot %s", file)
			}
		case err != nil:
			t.Errorf("%s: no snapshot %s (run DOS_UPDATE_SNAPS=1 go test ./surface/mcp)", name, file)
		case string(want) != string(got):
			t.Errorf("%s changed; review, then run DOS_UPDATE_SNAPS=1 go test ./surface/mcp\n--- got\n%s", name, got)
		}
	}
	ents, _ := os.ReadDir("__toolsnaps__")
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".snap") && !seen[e.Name()] {
			t.Errorf("__toolsnaps__/%s names no tool; remove it", e.Name())
		}
	}
}

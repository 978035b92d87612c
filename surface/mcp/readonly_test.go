package mcp_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sdk "github.com/modelcontextprotocol/go-sdk/mcp"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/internal/samples"
	"github.com/dispatchos/dos/verbs"
)

// MCP 2 and Runs 3: calling every read-only tool (with every sample of it,
// and a bad call of each), reading every resource and getting every prompt
// leaves the work tree, dos.toml and .dos/ byte-identical. The verify
// index in the git directory is the one cache allowed.
func TestReadOnlyToolsChangeNothing(t *testing.T) {
	ws := samples.Workspace(t)
	// Give .dos/ some state to keep: a live lease and a journal.
	runCmd(t, ws, nil, "dos", "lease-lane", "acquire", "--owner", "agent-A", "--lane", "src", "--workspace", ws)
	before := treeHash(t, ws)
	s := start(t, "dos-mcp", ws, nil, "--toolsets", "all", "--read-only")
	tools := listTools(t, s)
	reg := verbs.All()
	called := map[string]bool{}
	for _, c := range samples.Calls {
		d := reg.Lookup(c.Path)
		if d == nil || !d.Has(call.MCP) || d.Class != call.ReadOnly {
			continue
		}
		if tools[d.ToolName()] == nil {
			t.Errorf("read-only %s is not served read-only", d.ToolName())
			continue
		}
		var args map[string]any
		json.Unmarshal([]byte(c.Args), &args)
		s.call(t, d.ToolName(), args)
		s.call(t, d.ToolName(), map[string]any{"workspace": filepath.Join(ws, "missing")})
		called[d.ToolName()] = true
	}
	for name := range tools {
		if !called[name] {
			t.Errorf("%s was served but not called", name)
		}
	}
	ctx := context.Background()
	for _, uri := range []string{"dos://reasons", "dos://lanes", "dos://lanes/" + strings.ReplaceAll(ws, "/", "%2F")} {
		if _, err := s.ReadResource(ctx, &sdk.ReadResourceParams{URI: uri}); err != nil {
			t.Errorf("%s: %v", uri, err)
		}
	}
	ps, err := s.ListPrompts(ctx, nil)
	if err != nil || len(ps.Prompts) != 3 {
		t.Fatalf("prompts/list: %v %v", err, ps)
	}
	if after := treeHash(t, ws); after != before {
		t.Errorf("read-only tools changed the workspace:\n%s\n---\n%s", before, after)
	}
}

// treeHash lists every file outside .git with its mode and a hash of its
// contents.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		sum := ""
		if !d.IsDir() {
			c, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h := sha256.Sum256(c)
			sum = hex.EncodeToString(h[:8])
		}
		b.WriteString(rel + " " + info.Mode().String() + " " + sum + "\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), ".dos/lane-journal.jsonl") {
		t.Fatalf("no lane journal in the workspace:\n%s", b.String())
	}
	return b.String()
}

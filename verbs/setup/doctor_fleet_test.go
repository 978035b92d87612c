package setup

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/call"
)

// fleetEnv is a workspace whose dos.toml names an etcd fleet at endpoints.
func fleetEnv(t *testing.T, endpoints string) *call.Env {
	t.Helper()
	dir := t.TempDir()
	toml := "[fleet]\nbackend = \"etcd\"\nname = \"ws\"\nendpoints = [\"" + strings.ReplaceAll(endpoints, ",", "\", \"") + "\"]\ndial_timeout_ms = 1000\n"
	if err := os.WriteFile(filepath.Join(dir, "dos.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	return &call.Env{Now: time.Now, Getenv: func(string) string { return "" }, Cwd: dir, WorkspaceFlag: dir, Stderr: &bytes.Buffer{}}
}

func runDoctorCheck(t *testing.T, env *call.Env) *call.Result {
	t.Helper()
	in := Doctor.NewInput()
	in.Args.(*DoctorArgs).Check = true
	res, err := Doctor.Run(context.Background(), env, in)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// Without [fleet], doctor says nothing about a lease backend.
func TestDoctorFileBackendHasNoFleetRow(t *testing.T) {
	dir := t.TempDir()
	env := &call.Env{Now: time.Now, Getenv: func(string) string { return "" }, Cwd: dir, WorkspaceFlag: dir, Stderr: &bytes.Buffer{}}
	res, err := Doctor.Run(context.Background(), env, Doctor.NewInput())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(res.Text, "lease backend") || res.Body.(*DoctorResult).Fleet != nil {
		t.Fatalf("a file-journal workspace shows a fleet: %s", res.Text)
	}
}

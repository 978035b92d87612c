// Package fleettest makes workspaces whose leases live in an etcd fleet,
// for the tests of the verbs that read and write them there. It starts no
// cluster (state/store/etcdstore/etcdtest does); it names one.
package fleettest

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dispatchos/dos/call"
)

// Env is a call.Env for a fresh workspace (outside git) whose dos.toml is
// toml followed by a [fleet] table naming the etcd fleet name, reached at
// endpoints through $DOS_ETCD_ENDPOINTS, with a 1.5 s dial timeout.
func Env(t testing.TB, toml, name, endpoints string) *call.Env {
	t.Helper()
	dir := t.TempDir()
	toml += "[fleet]\nbackend = \"etcd\"\nname = \"" + name + "\"\ndial_timeout_ms = 1500\n"
	if err := os.WriteFile(filepath.Join(dir, "dos.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"DOS_ETCD_ENDPOINTS": endpoints}
	return &call.Env{Now: time.Now, Getenv: func(k string) string { return env[k] }, Cwd: dir, WorkspaceFlag: dir, Stderr: &bytes.Buffer{}}
}

// Run runs d in env with the arguments set sets; the error is returned,
// not fatal.
func Run[A any](env *call.Env, d *call.Def, set func(*A)) (*call.Result, error) {
	in := d.NewInput()
	set(in.Args.(*A))
	return d.Run(context.Background(), env, in)
}

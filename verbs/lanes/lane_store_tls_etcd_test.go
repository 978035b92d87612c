//go:build etcd

package lanes

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.etcd.io/etcd/client/pkg/v3/transport"

	"github.com/dispatchos/dos/state/store/etcdstore/etcdtest"
)

// The lane verbs on an etcd fleet served over TLS, configured by the
// [fleet] table's cert_file, key_file and ca_file: a grant, and a CA that
// did not sign the server's certificate failing closed (exit 4) with the
// reason in the answer.
func TestFleetLaneVerbsOverTLS(t *testing.T) {
	certs, err := etcdtest.WriteCerts(t.TempDir(), "fleet")
	if err != nil {
		t.Fatal(err)
	}
	wrong, err := etcdtest.WriteCerts(t.TempDir(), "wrong")
	if err != nil {
		t.Fatal(err)
	}
	c, err := etcdtest.StartTLS(t.TempDir(), 1, &transport.TLSInfo{
		CertFile: certs.ServerCert, KeyFile: certs.ServerKey, TrustedCAFile: certs.CA, ClientCertAuth: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	tlsTable := func(ca string) string {
		return fmt.Sprintf("cert_file = %q\nkey_file = %q\nca_file = %q\n", certs.ClientCert, certs.ClientKey, ca)
	}
	m := fleetWorkspace(t, c.Endpoints[0])
	appendTOML(t, m.Cwd, tlsTable(certs.CA))
	res := run(t, m, &LeaseLaneAcquire, func(a *LeaseLaneAcquireArgs) { a.Owner, a.Lane, a.TTL, a.Wait = "A", "l1", 10, 5 })
	if res.ExitCode != 0 {
		t.Fatalf("acquire over TLS: exit %d %s", res.ExitCode, res.Text)
	}
	res = run(t, m, &LeaseLaneLive, func(*LeaseLaneLiveArgs) {})
	if live := res.Body.(LeaseLaneLiveResult).Leases; len(live) != 1 || live[0].Lane != "l1" {
		t.Fatalf("live over TLS: %+v", live)
	}
	res = run(t, m, &LeaseLaneRelease, func(a *LeaseLaneReleaseArgs) { a.Owner, a.Lane, a.Wait = "A", "l1", 5 })
	if res.ExitCode != 0 {
		t.Fatalf("release over TLS: exit %d %s", res.ExitCode, res.Text)
	}

	bad := fleetWorkspace(t, c.Endpoints[0])
	appendTOML(t, bad.Cwd, tlsTable(wrong.CA))
	res = run(t, bad, &LeaseLaneAcquire, func(a *LeaseLaneAcquireArgs) { a.Owner, a.Lane, a.TTL, a.Wait = "B", "l3", 10, 5 })
	if res.ExitCode != 4 {
		t.Fatalf("acquire with a CA that did not sign the server: exit %d %s", res.ExitCode, res.Text)
	}
	for _, want := range []string{c.Endpoints[0], "certificate signed by unknown authority", "ca_file", "nothing was granted"} {
		if !strings.Contains(res.Text, want) {
			t.Errorf("the answer does not say %q: %s", want, res.Text)
		}
	}
	if _, err := os.Stat(filepath.Join(bad.Cwd, ".dos", "lane-journal.jsonl")); err == nil {
		t.Fatal("a failed TLS fleet wrote a local lane journal")
	}
}

// appendTOML appends lines to dir's dos.toml (the last table is [fleet]).
func appendTOML(t *testing.T, dir, lines string) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, "dos.toml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(lines); err != nil {
		t.Fatal(err)
	}
}

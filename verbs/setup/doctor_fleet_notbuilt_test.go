//go:build !etcd

package setup

import (
	"strings"
	"testing"
)

// A binary built without the etcd backend says so, and --check gates.
func TestDoctorFleetNotBuilt(t *testing.T) {
	res := runDoctorCheck(t, fleetEnv(t, "http://127.0.0.1:1"))
	if !strings.Contains(res.Text, "lease backend      etcd fleet \"ws\": ") || !strings.Contains(res.Text, "built without") {
		t.Fatalf("doctor: %s", res.Text)
	}
	if res.ExitCode != 1 || !strings.Contains(res.Text, "finding: [fleet]") {
		t.Fatalf("--check did not gate: exit %d\n%s", res.ExitCode, res.Text)
	}
}

//go:build etcd

package setup

import (
	"net"
	"strings"
	"testing"

	"github.com/dispatchos/dos/state/store/etcdstore/etcdtest"
)

// doctor probes every endpoint: the live member leads, the dead one is
// named with its error; with no member up, --check gates.
func TestDoctorFleetHealth(t *testing.T) {
	c, err := etcdtest.Start(t.TempDir(), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Stop()
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := "http://" + l.Addr().String()
	l.Close()
	res := runDoctorCheck(t, fleetEnv(t, c.Endpoints[0]+","+dead))
	if !strings.Contains(res.Text, `etcd fleet "ws": 1 of 2 endpoint(s) answer; leader `+c.Endpoints[0]) ||
		!strings.Contains(res.Text, "not answering: "+dead) || strings.Contains(res.Text, "finding: [fleet]") {
		t.Fatalf("doctor:\n%s", res.Text)
	}
	f := res.Body.(*DoctorResult).Fleet
	if f == nil || len(f.Members) != 2 || !f.Members[0].OK || f.Members[1].OK {
		t.Fatalf("fleet: %+v", f)
	}
	c.Stop()
	res = runDoctorCheck(t, fleetEnv(t, c.Endpoints[0]))
	if res.ExitCode != 1 || !strings.Contains(res.Text, "finding: [fleet] no etcd endpoint answers") {
		t.Fatalf("stopped cluster: exit %d\n%s", res.ExitCode, res.Text)
	}
}

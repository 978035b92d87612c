package workspace

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestFleetTable(t *testing.T) {
	c, warns := parse(t, "[fleet]\nbackend = \"etcd\"\nendpoints = [\"http://10.0.0.1:2379\", \"https://e2:2379\"]\n"+
		"name = \"shop\"\ncert_file = \"c.pem\"\nkey_file = \"k.pem\"\nca_file = \"ca.pem\"\ndial_timeout_ms = 1500\n")
	f := c.Fleet
	if len(warns) != 0 || f.Backend != "etcd" || !slices.Equal(f.Endpoints, []string{"http://10.0.0.1:2379", "https://e2:2379"}) ||
		f.Name != "shop" || f.CertFile != "c.pem" || f.KeyFile != "k.pem" || f.CAFile != "ca.pem" || f.DialTimeout() != 1500*time.Millisecond {
		t.Fatalf("%+v %v", f, warns)
	}
	if slices.Contains(c.Unknown, "fleet") || slices.Contains(c.Recognised, "fleet") {
		t.Fatal("[fleet] is read now")
	}
	if d := Defaults("/ws").Fleet; d.Backend != "file" || d.DialTimeoutMS != 5000 || d.Endpoints != nil {
		t.Fatalf("defaults = %+v", d)
	}
	c, _ = parse(t, "[fleet]\nname = \"a\"\n")
	if c.Fleet.Backend != "file" || c.Fleet.Name != "a" || c.Fleet.DialTimeoutMS != 5000 {
		t.Fatalf("per-key override lost the defaults: %+v", c.Fleet)
	}
}

func TestFleetEnvOverride(t *testing.T) {
	f := FleetConfig{Endpoints: []string{"http://a:1"}}
	env := map[string]string{EnvEndpoints: " http://b:2, ,http://c:3 "}
	if got := f.WithEnv(func(k string) string { return env[k] }).Endpoints; !slices.Equal(got, []string{"http://b:2", "http://c:3"}) {
		t.Fatalf("override: %v", got)
	}
	if got := f.WithEnv(func(string) string { return "  " }).Endpoints; !slices.Equal(got, []string{"http://a:1"}) {
		t.Fatalf("a blank variable replaced the endpoints: %v", got)
	}
}

func TestFleetTableMalformed(t *testing.T) {
	for src, msg := range map[string]string{
		"[fleet]\nbackend = \"nfs\"":                              "want \"file\" or \"etcd\"",
		"[fleet]\nbackend = 1":                                    "want a string",
		"[fleet]\nendpoints = [\"10.0.0.1:2379\"]":                "http:// or https://",
		"[fleet]\nendpoints = [\"http://\"]":                      "with a host",
		"[fleet]\nname = \"a/b\"":                                 "without '/'",
		"[fleet]\nname = \"\"":                                    "non-empty",
		"[fleet]\ncert_file = \"c.pem\"":                          "together",
		"[fleet]\ndial_timeout_ms = 0":                            "1 or more",
		"[fleet]\ndial_timeout_ms = -5":                           "zero or more",
		"[fleet]\nbackend = \"etcd\"\nendpoints = \"http://a:1\"": "needs a fleet name",
		"[fleet]\nendpoint = \"http://a:1\"":                      "unknown key",
		"fleet = 3":                                               "want a table",
	} {
		c, warns := parse(t, src+"\n")
		if len(warns) != 1 || !strings.Contains(warns[0], msg) || !strings.Contains(warns[0], "[fleet]") {
			t.Errorf("%q: warnings %v, want one naming %q", src, warns, msg)
		}
		if !slices.Equal(c.Fleet.Endpoints, nil) || c.Fleet.Backend != "file" || c.Fleet.Name != "" {
			t.Errorf("%q: a malformed table must keep the defaults: %+v", src, c.Fleet)
		}
	}
}

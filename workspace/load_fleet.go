package workspace

import (
	"errors"
	"slices"
	"strings"
	"time"
)

// Lease-store backends of the [fleet] table.
const (
	// BackendFile keeps leases in the workspace's lane journal (one machine).
	BackendFile = "file"
	// BackendEtcd keeps leases in an etcd cluster shared by a fleet.
	BackendEtcd = "etcd"
)

// FleetConfig is the [fleet] table: where leases, ids and the archive lock
// live when agents on several machines share one repository.
type FleetConfig struct {
	// Backend is "file" (the default) or "etcd".
	Backend string
	// Endpoints are the etcd members' client URLs (DOS_ETCD_ENDPOINTS,
	// comma-separated, overrides them; see [FleetConfig.WithEnv]).
	Endpoints []string
	// Name is the fleet's key space (/dos/v1/<name>/); required for etcd.
	Name string
	// CertFile, KeyFile and CAFile are the client TLS files (paths as
	// written; empty for plain http).
	CertFile, KeyFile, CAFile string
	// DialTimeoutMS bounds connecting to the cluster (default 5000).
	DialTimeoutMS int64
}

// DefaultFleet is the [fleet] default: the file journal.
func DefaultFleet() FleetConfig {
	return FleetConfig{Backend: BackendFile, DialTimeoutMS: 5000}
}

// DialTimeout is DialTimeoutMS as a duration.
func (f FleetConfig) DialTimeout() time.Duration {
	return time.Duration(f.DialTimeoutMS) * time.Millisecond
}

// EnvEndpoints is the environment variable that overrides [fleet]
// endpoints.
const EnvEndpoints = "DOS_ETCD_ENDPOINTS"

// WithEnv applies DOS_ETCD_ENDPOINTS (comma-separated URLs; empty entries
// dropped) when it is set and not blank.
func (f FleetConfig) WithEnv(getenv func(string) string) FleetConfig {
	v := strings.TrimSpace(getenv(EnvEndpoints))
	if v == "" {
		return f
	}
	var eps []string
	for e := range strings.SplitSeq(v, ",") {
		if e = strings.TrimSpace(e); e != "" {
			eps = append(eps, e)
		}
	}
	f.Endpoints = eps
	return f
}

// loadFleet overrides [fleet] per key. backend is "file" or "etcd";
// endpoints are http or https URLs with a host; name has no "/" and no
// blank; dial_timeout_ms is at least 1.
func loadFleet(c *Config, v any) error {
	t, err := asTable(v)
	if err != nil {
		return err
	}
	f := c.Fleet
	t.str("backend", &f.Backend)
	if t.err == nil && !slices.Contains([]string{BackendFile, BackendEtcd}, f.Backend) {
		t.fail("backend", "want %q or %q, got %q", BackendFile, BackendEtcd, f.Backend)
	}
	t.strs("endpoints", &f.Endpoints)
	for _, e := range f.Endpoints {
		if t.err == nil && !endpointURL(e) {
			t.fail("endpoints", "want http:// or https:// URLs with a host, got %q", e)
		}
	}
	t.str("name", &f.Name)
	if t.err == nil && (strings.ContainsAny(f.Name, "/ \t\n") || (t.has("name") && f.Name == "")) {
		t.fail("name", "want a non-empty name without '/' or blanks, got %q", f.Name)
	}
	t.str("cert_file", &f.CertFile)
	t.str("key_file", &f.KeyFile)
	t.str("ca_file", &f.CAFile)
	if t.err == nil && (f.CertFile == "") != (f.KeyFile == "") {
		t.fail("cert_file", "give cert_file and key_file together")
	}
	if t.has("dial_timeout_ms") {
		t.millis("dial_timeout_ms", &f.DialTimeoutMS)
		if t.err == nil && f.DialTimeoutMS < 1 {
			t.fail("dial_timeout_ms", "want 1 or more milliseconds, got %d", f.DialTimeoutMS)
		}
	}
	if err := t.done(); err != nil {
		return err
	}
	if f.Backend == BackendEtcd && f.Name == "" {
		return errors.New("name: the etcd backend needs a fleet name")
	}
	c.Fleet = f
	return nil
}

// endpointURL reports whether e is an http or https URL with a host
// (checked by hand: dos-hook links workspace and no net package).
func endpointURL(e string) bool {
	rest, ok := strings.CutPrefix(e, "http://")
	if !ok {
		rest, ok = strings.CutPrefix(e, "https://")
	}
	host, _, _ := strings.Cut(rest, "/")
	return ok && host != "" && !strings.ContainsAny(host, " \t\n@")
}

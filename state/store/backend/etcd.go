//go:build etcd

package backend

import (
	"context"
	"fmt"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/etcdstore"
	"github.com/dispatchos/dos/workspace"
)

func init() { register(workspace.BackendEtcd, openEtcd, probeEtcd) }

func etcdConfig(f workspace.FleetConfig, hostID string) etcdstore.Config {
	return etcdstore.Config{
		Endpoints: f.Endpoints, Fleet: f.Name, DialTimeout: f.DialTimeout(), OpTimeout: f.DialTimeout(),
		CertFile: f.CertFile, KeyFile: f.KeyFile, CAFile: f.CAFile, HostID: hostID,
		DefaultTTL: lease.DefaultPolicy.DefaultTTL, Grace: lease.DefaultPolicy.Grace,
	}
}

func openEtcd(f workspace.FleetConfig, hostID string) (store.Store, error) {
	return etcdstore.Open(etcdConfig(f, hostID))
}

func probeEtcd(ctx context.Context, f workspace.FleetConfig) []Endpoint {
	out := make([]Endpoint, 0, len(f.Endpoints))
	s, err := etcdstore.Open(etcdConfig(f, ""))
	if err != nil {
		for _, e := range f.Endpoints {
			out = append(out, Endpoint{URL: e, Error: err.Error()})
		}
		return out
	}
	defer s.Close()
	for _, e := range f.Endpoints {
		st, err := s.Client().Status(ctx, e)
		if err != nil {
			out = append(out, Endpoint{URL: e, Error: err.Error()})
			continue
		}
		out = append(out, Endpoint{URL: e, OK: true, Member: fmt.Sprintf("%x", st.Header.MemberId),
			Version: st.Version, Leader: st.Leader == st.Header.MemberId})
	}
	return out
}

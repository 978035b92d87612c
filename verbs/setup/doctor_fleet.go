package setup

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/state/store/backend"
	"github.com/dispatchos/dos/workspace"
)

// DoctorFleet is the shared lease store a [fleet] table names.
type DoctorFleet struct {
	Backend   string             `json:"backend"`
	Name      string             `json:"name"`
	Endpoints []string           `json:"endpoints"`
	Members   []backend.Endpoint `json:"members"`
	// Error says why the members could not be probed (a binary built
	// without the backend).
	Error string `json:"error,omitempty"`
}

// doctorFleetProbe bounds the health probe of all members.
const doctorFleetProbe = 3 * time.Second

// doctorFleet probes the shared store, when [fleet] names one, and
// returns the doctor row ("" for the file journal) and a finding when no
// member answers.
func doctorFleet(ctx context.Context, env *call.Env, f workspace.FleetConfig, data *DoctorResult) (row, finding string) {
	if !backend.Shared(f) {
		return "", ""
	}
	eff := f.WithEnv(env.Getenv)
	df := &DoctorFleet{Backend: f.Backend, Name: f.Name, Endpoints: eff.Endpoints, Members: []backend.Endpoint{}}
	data.Fleet = df
	eps, err := backend.Health(ctx, f, env.Getenv, doctorFleetProbe)
	if err != nil {
		df.Error = err.Error()
		return fmt.Sprintf("%s fleet %q: %v", f.Backend, f.Name, err), "[fleet] " + err.Error() + ": lease verbs fail closed (exit 4)"
	}
	df.Members = eps
	up, lead := 0, ""
	var down []string
	for _, e := range eps {
		if e.OK {
			up++
			if e.Leader {
				lead = fmt.Sprintf("; leader %s (member %s, etcd %s)", e.URL, e.Member, e.Version)
			}
		} else {
			down = append(down, e.URL+": "+e.Error)
		}
	}
	row = fmt.Sprintf("%s fleet %q: %d of %d endpoint(s) answer%s", f.Backend, f.Name, up, len(eps), lead)
	if len(down) > 0 {
		row += "; not answering: " + strings.Join(down, "; ")
	}
	if up == 0 {
		finding = fmt.Sprintf("[fleet] no %s endpoint answers (%s): lease verbs fail closed (exit 4)", f.Backend, strings.Join(eff.Endpoints, ","))
	}
	return row, finding
}

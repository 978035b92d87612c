package install

import (
	"errors"
	"fmt"
	"strings"
)

// Request is one `dos init --hooks <host|auto>` call.
type Request struct {
	// Hosts is a host name or "auto".
	Hosts string
	Options
	// Remove takes dos's hooks out instead of wiring them.
	Remove bool
	// LookPath and Getenv serve auto-detection (exec.LookPath, os.Getenv).
	LookPath func(string) (string, error)
	Getenv   func(string) string
}

// Outcome is what [Run] did.
type Outcome struct {
	// Detected lists what auto found (empty when a host was named).
	Detected []Detection `json:"detected"`
	Reports  []Report    `json:"reports"`
}

// ErrNoHost is returned by auto when no host is found.
var ErrNoHost = errors.New("install: no agent host detected")

// Run wires (or removes) dos's hooks for the named host, or for every host
// auto detects. Every host is planned before any file is written, so a
// file that cannot be merged leaves all of them untouched.
func Run(req Request) (Outcome, error) {
	var out Outcome
	var hosts []Host
	if strings.EqualFold(strings.TrimSpace(req.Hosts), Auto) {
		if req.Remove {
			// Take dos out of every host's files; those without any stay
			// as they are.
			hosts = AllHosts()
		} else {
			out.Detected = Detect(req.Dir, req.LookPath, req.Getenv)
			if len(out.Detected) == 0 {
				return out, fmt.Errorf("%w in %s: none of %s is there, none of %s is on PATH, and none of %s is set; name the host: --hooks <%s>",
					ErrNoHost, req.Dir, markerList(), binaryList(), envList(), strings.Join(hostList(), "|"))
			}
			for _, d := range out.Detected {
				hosts = append(hosts, d.Host)
			}
		}
	} else {
		h, err := ParseHost(req.Hosts)
		if err != nil {
			return out, err
		}
		hosts = []Host{h}
	}
	var preps []prepared
	for _, h := range hosts {
		p, err := prepare(h, req.Options, req.Remove)
		if err != nil {
			return out, fmt.Errorf("dos init --hooks %s: %w", h, err)
		}
		preps = append(preps, p)
	}
	for _, p := range preps {
		rep, err := p.apply()
		if err != nil {
			return out, err
		}
		if req.Remove && len(hosts) > 1 && !rep.Changed() {
			continue
		}
		out.Reports = append(out.Reports, rep)
	}
	return out, nil
}

// Changed reports whether any file was written or deleted.
func (o Outcome) Changed() bool {
	for _, r := range o.Reports {
		if r.Changed() {
			return true
		}
	}
	return false
}

// Text renders the outcome for people, without a trailing newline.
func (o Outcome) Text() string {
	var parts []string
	if len(o.Detected) > 0 {
		parts = append(parts, DetectionText(o.Detected))
	}
	for _, r := range o.Reports {
		parts = append(parts, r.Text())
	}
	if len(o.Reports) == 0 {
		parts = append(parts, "no dos hooks found in any host's files")
	}
	return strings.Join(parts, "\n")
}

func hostList() []string {
	var out []string
	for _, h := range AllHosts() {
		out = append(out, string(h))
	}
	return out
}

func markerList() string {
	var out []string
	for _, s := range Specs() {
		for _, m := range s.Markers {
			out = append(out, m+"/")
		}
	}
	return strings.Join(out, ", ")
}

func binaryList() string {
	var out []string
	for _, s := range Specs() {
		out = append(out, s.Binaries...)
	}
	return strings.Join(out, ", ")
}

func envList() string {
	var out []string
	for _, s := range Specs() {
		for _, e := range s.Env {
			out = append(out, "$"+e)
		}
	}
	return strings.Join(out, ", ")
}

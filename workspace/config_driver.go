package workspace

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/dispatchos/dos/kernel/stamp"
)

// Drivers lists the base policies --driver accepts. "generic" names the
// default explicitly.
var Drivers = []string{"generic", "job"}

// ErrUnknownDriver is returned by [Base] for a driver name dos does not have.
var ErrUnknownDriver = errors.New("unknown driver")

// Base is the configuration a driver starts from, before dos.toml is
// folded over it. The empty name and "generic" give [Defaults]; "job"
// switches to the strict, directory-prefixed stamp grammar and the repo
// layout (state under docs/_plans/ and friends).
func Base(root, driver string) (*Config, error) {
	c := Defaults(root)
	switch driver {
	case "", "generic":
		return c, nil
	case "job":
		c.Driver = driver
		c.Stamp = stamp.Job()
		c.Paths = repoLayout(root)
		return c, nil
	}
	return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownDriver, driver, strings.Join(Drivers, ", "))
}

// dosLayout is the generic layout: dos's state under <root>/.dos/.
func dosLayout(root string) Paths {
	j := func(p ...string) string { return filepath.Join(append([]string{root}, p...)...) }
	return Paths{
		Root: root, Style: "dos",
		ExecutionState: j("dos.state.yaml"),
		PlansGlob:      "docs/**/*-plan.md",
		FindingsQueue:  j("dos.findings.md"),
		FanoutRuns:     j(".dos", "runs"),
		DispatchLoops:  j(".dos", "runs"),
		ChainedRuns:    j(".dos", "runs"),
		NextPackets:    j(".dos", "verdicts"),
		ReplanDir:      j(".dos", "replan"),
		SoaksIndex:     j(".dos", "soaks", "index.yaml"),
		PickerAudits:   j(".dos", "picker_audits"),
		LeasesDir:      j(".dos", "leases"),
		ArchiveLock:    j(".dos", "leases", ".archive.lock"),
		LaneJournal:    j(".dos", "lane-journal.jsonl"),
		VerdictJournal: j(".dos", "verdict-journal.jsonl"),
		ProjectCard:    j(".dos", "project.json"),
	}
}

// repoLayout is the job driver's layout under docs/ and output/.
func repoLayout(root string) Paths {
	j := func(p ...string) string { return filepath.Join(append([]string{root}, p...)...) }
	return Paths{
		Root: root, Style: "repo",
		ExecutionState: j("docs", "_plans", "execution-state.yaml"),
		PlansGlob:      "docs/**/*-plan.md",
		FindingsQueue:  j("docs", "_plans", "findings-followup-queue.md"),
		FanoutRuns:     j("docs", "_fanout_runs"),
		DispatchLoops:  j("docs", "_dispatch_loops"),
		ChainedRuns:    j("docs", "_chained_runs"),
		NextPackets:    j("output", "next-up"),
		ReplanDir:      j("docs", "_replan"),
		SoaksIndex:     j("docs", "_soaks", "index.yaml"),
		PickerAudits:   j("docs", "_picker_audits"),
		ArchiveLock:    j("docs", "_fanout_runs", ".archive.lock"),
		LaneJournal:    j("docs", "_plans", "lane-journal.jsonl"),
		LeasesDir:      j("docs", "_plans"),
		VerdictJournal: j("docs", "_plans", "verdict-journal.jsonl"),
	}
}

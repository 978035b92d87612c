// Package sidebyside times whole processes against each other. Runs are
// interleaved round by round so machine noise hits every command alike, and
// results are reported as medians and as ratios to a named baseline.
package sidebyside

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"slices"
	"time"
)

// Cmd is one command to time.
type Cmd struct {
	Name  string
	Argv  []string
	Dir   string
	Env   []string
	Setup func() error // run before every timed run, untimed
}

// Stat is the outcome for one command.
type Stat struct {
	Name      string
	Median    time.Duration
	Min       time.Duration
	MaxRSSKiB int64
}

// Run times each command rounds times, interleaved, and returns the stats.
// Every round runs the commands without a Setup in a fresh random order (a
// fixed order gives whichever command follows the heaviest one a cold
// start every round, a bias of several per cent on a ratio), then those
// with a Setup in their given order: a setup may change what the others
// measure (a new commit moves the tip), so it goes last.
func Run(cmds []Cmd, rounds int) ([]Stat, error) {
	times := make([][]time.Duration, len(cmds))
	rss := make([]int64, len(cmds))
	var free, fixed []int
	for i, c := range cmds {
		if c.Setup == nil {
			free = append(free, i)
		} else {
			fixed = append(fixed, i)
		}
	}
	for r := 0; r < rounds; r++ {
		rand.Shuffle(len(free), func(i, j int) { free[i], free[j] = free[j], free[i] })
		for _, i := range slices.Concat(free, fixed) {
			c := cmds[i]
			if c.Setup != nil {
				if err := c.Setup(); err != nil {
					return nil, fmt.Errorf("%s: setup: %w", c.Name, err)
				}
			}
			cmd := exec.Command(c.Argv[0], c.Argv[1:]...)
			cmd.Dir, cmd.Stdout, cmd.Stderr = c.Dir, io.Discard, io.Discard
			cmd.Env = append(os.Environ(), c.Env...)
			start := time.Now()
			err := cmd.Run()
			d := time.Since(start)
			if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
				return nil, fmt.Errorf("%s: %w", c.Name, err)
			}
			times[i] = append(times[i], d)
			rss[i] = max(rss[i], MaxRSSKiB(cmd.ProcessState))
		}
	}
	out := make([]Stat, len(cmds))
	for i, c := range cmds {
		ts := slices.Clone(times[i])
		slices.Sort(ts)
		out[i] = Stat{Name: c.Name, Median: ts[len(ts)/2], Min: ts[0], MaxRSSKiB: rss[i]}
	}
	return out, nil
}

// Print writes a table with each median as a ratio to the baseline's.
func Print(w io.Writer, stats []Stat, baseline string) {
	var base time.Duration
	for _, s := range stats {
		if s.Name == baseline {
			base = s.Median
		}
	}
	fmt.Fprintf(w, "%-40s %12s %12s %10s %12s\n", "command", "median", "min", "peak MiB", "÷ "+baseline)
	for _, s := range stats {
		ratio := "-"
		if base > 0 {
			ratio = fmt.Sprintf("%.4f", float64(s.Median)/float64(base))
		}
		fmt.Fprintf(w, "%-40s %12s %12s %10.1f %12s\n", s.Name, s.Median.Round(10*time.Microsecond),
			s.Min.Round(10*time.Microsecond), float64(s.MaxRSSKiB)/1024, ratio)
	}
}

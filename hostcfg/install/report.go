package install

import (
	"fmt"
	"strings"
)

// StrictStopNote is printed after every install: how the stop hook is
// made to check plain words too, in one place for every host.
const StrictStopNote = `the stop hook checks a "DOS-CLAIM: PLAN PHASE" line in the agent's last answer against git; ` +
	`to check plain words such as "AUTH1 is done." as well, set [hooks] strict_stop = true in dos.toml ` +
	`(read by every host's hook on each stop; the hook files stay as they are)`

// Report is what one host's install or removal did.
type Report struct {
	Host  Host   `json:"host"`
	Title string `json:"title"`
	// Scope is "project" or "user".
	Scope    string `json:"scope"`
	Removing bool   `json:"removing"`
	// Runs is the command line the hooks run, with <verb> for the verb.
	Runs  string       `json:"runs"`
	Files []FileReport `json:"files"`
	Notes []string     `json:"notes"`
}

// FileReport is what happened to one file.
type FileReport struct {
	Path   string        `json:"path"`
	Action Action        `json:"action"`
	Backup string        `json:"backup,omitempty"`
	Events []EventResult `json:"events"`
}

// Changed reports whether any file was written or deleted.
func (r Report) Changed() bool {
	for _, f := range r.Files {
		if f.Action != Keep {
			return true
		}
	}
	return false
}

func eventsWith(evs []EventResult, st ...Status) []string {
	var out []string
	for _, e := range evs {
		for _, s := range st {
			if e.Status == s {
				out = append(out, e.Event)
			}
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Text renders the report for people, one fact per line, without a
// trailing newline.
func (r Report) Text() string {
	var b strings.Builder
	line := func(format string, a ...any) {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, format, a...)
	}
	for _, f := range r.Files {
		if r.Removing {
			removed := eventsWith(f.Events, Removed)
			switch f.Action {
			case Keep:
				line("%s: no dos hooks in %s", r.Host, f.Path)
			case Restore:
				line("%s: removed %s from %s; the file is back as it was before dos wrote it: %s", r.Host, plural(len(removed), "dos hook", "dos hooks"), f.Path, strings.Join(removed, ", "))
			case Delete:
				line("%s: removed %s and deleted %s, which dos had created: %s", r.Host, plural(len(removed), "dos hook", "dos hooks"), f.Path, strings.Join(removed, ", "))
			case Write:
				line("%s: removed %s from %s (your other changes kept): %s", r.Host, plural(len(removed), "dos hook", "dos hooks"), f.Path, strings.Join(removed, ", "))
			}
			if left := eventsWith(f.Events, Elsewhere); len(left) > 0 {
				line("  left dos hooks outside dos's block for %s; take them out by hand", strings.Join(left, ", "))
			}
			continue
		}
		added := eventsWith(f.Events, Added)
		updated := eventsWith(f.Events, Updated)
		present := eventsWith(f.Events, Present)
		if len(added) > 0 {
			line("%s: wired %s into %s: %s", r.Host, plural(len(added), "dos hook", "dos hooks"), f.Path, strings.Join(added, ", "))
		}
		if len(updated) > 0 {
			line("%s: pointed %s in %s at the current dos: %s", r.Host, plural(len(updated), "dos hook", "dos hooks"), f.Path, strings.Join(updated, ", "))
		}
		if len(present) > 0 {
			line("%s: %s already in %s: %s", r.Host, plural(len(present), "dos hook", "dos hooks"), f.Path, strings.Join(present, ", "))
		}
		if left := eventsWith(f.Events, Elsewhere); len(left) > 0 {
			line("%s: left the dos hooks you wrote yourself in %s: %s", r.Host, f.Path, strings.Join(left, ", "))
		}
		if f.Action == Keep {
			line("  nothing written")
		} else {
			line("  hooks run: %s", r.Runs)
		}
		if f.Backup != "" {
			line("  the previous file is kept in %s", f.Backup)
		}
	}
	for _, n := range r.Notes {
		line("  note: %s", n)
	}
	return b.String()
}

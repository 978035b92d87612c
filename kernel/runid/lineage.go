package runid

import "slices"

// Ancestors walks parents (run id → parent id) up from id: the parent,
// its parent, and so on, stopping at a run with no recorded parent or at
// a cycle.
func Ancestors(id string, parents map[string]string) []string {
	out := []string{}
	seen := map[string]bool{id: true}
	for p := parents[id]; p != "" && !seen[p]; p = parents[p] {
		seen[p] = true
		out = append(out, p)
	}
	return out
}

// Descendants lists, sorted, every run whose parent chain reaches id.
func Descendants(id string, parents map[string]string) []string {
	out := []string{}
	for run := range parents {
		if run != id && slices.Contains(Ancestors(run, parents), id) {
			out = append(out, run)
		}
	}
	slices.Sort(out)
	return out
}

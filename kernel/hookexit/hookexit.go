package hookexit

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Verb is an intervention a code may map to.
type Verb string

// The interventions. Pass is the answer for an unmapped exit 0 and is not
// a map target.
const (
	Pass    Verb = "PASS"
	Observe Verb = "OBSERVE"
	Warn    Verb = "WARN"
	Block   Verb = "BLOCK"
	Defer   Verb = "DEFER"
)

// Verbs lists the verbs a map entry may name.
var Verbs = []Verb{Observe, Warn, Block, Defer}

// Map is an exit code → intervention table.
type Map map[int]Verb

// DefaultMap is the map every call starts from: exit 2 blocks (the
// convention of Claude Code's command hooks).
func DefaultMap() Map { return Map{2: Block} }

// ParseMap reads "C=VERB,C=VERB" (verbs case-insensitive, blanks around
// entries ignored) into entries merged over base. A malformed entry is an
// error naming it.
func ParseMap(s string, base Map) (Map, error) {
	out := Map{}
	for k, v := range base {
		out[k] = v
	}
	for _, e := range strings.Split(s, ",") {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		code, verb, ok := strings.Cut(e, "=")
		n, err := strconv.Atoi(strings.TrimSpace(code))
		v := Verb(strings.ToUpper(strings.TrimSpace(verb)))
		if !ok || err != nil || !slices.Contains(Verbs, v) {
			return nil, fmt.Errorf("--map entry %q must be CODE=VERB with VERB one of OBSERVE, WARN, BLOCK, DEFER", e)
		}
		out[n] = v
	}
	return out, nil
}

// Decision is the intervention for one exit code.
type Decision struct {
	// Code is the exit code asked about.
	Code int
	// Intervention is the answer; Pass when code 0 is not mapped.
	Intervention Verb
	// Matched reports whether an entry of the map decided it.
	Matched bool
	// Reason says why in one line.
	Reason string
}

// Decide maps code through m. An entry for the code wins, 0 included
// (--map 0=OBSERVE makes a clean exit an observation, as the reference's
// docs promise and its CLI did not do); an unmapped 0 passes; any other
// unmapped code warns.
func Decide(code int, m Map) Decision {
	if v, ok := m[code]; ok {
		return Decision{Code: code, Intervention: v, Matched: true,
			Reason: fmt.Sprintf("exit %d → %s (mapped)", code, v)}
	}
	if code == 0 {
		return Decision{Code: 0, Intervention: Pass, Reason: "exit 0 → PASS (the script passed)"}
	}
	return Decision{Code: code, Intervention: Warn,
		Reason: fmt.Sprintf("exit %d → WARN (unmapped non-zero exit)", code)}
}

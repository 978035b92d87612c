package stamp_test

import (
	"fmt"

	"github.com/dispatchos/dos/kernel/stamp"
)

// A verify compiles one matcher per question, narrows the history with the
// index keys, and picks the winning subject.
func Example() {
	m := stamp.Compile(stamp.Query{Plan: "AUTH", Phase: "AUTH1"}, stamp.Generic())
	history := []string{ // newest first
		"v1.4.0: AUTH1 and AUTH2 bundled",
		"docs: typo",
		"AUTH: AUTH1 — token refresh",
	}
	keys, ok := m.Keys()
	fmt.Println(keys, ok)
	for _, s := range history {
		fmt.Printf("%-34q %v\n", s, m.Subject(s))
	}
	i, rung := stamp.Pick(m, history)
	fmt.Println(i, rung)
	// Output:
	// [auth1 authauth1 phase1 authphase1 auth authphase phase] true
	// "v1.4.0: AUTH1 and AUTH2 bundled"  release-prefix
	// "docs: typo"                       none
	// "AUTH: AUTH1 — token refresh"      direct
	// 2 direct
}

package ship

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dispatchos/dos/kernel/oracle"
)

// Output contract 1 and issue 7.5: every answer carries every reference
// key (plan, phase, shipped, source, rung, sha, summary) and demoted_sha,
// null when there is nothing to say.
func TestVerdictJSONKeys(t *testing.T) {
	want := []string{"demoted_sha", "phase", "plan", "rung", "sha", "shipped", "source", "summary"}
	cases := map[string]struct {
		v    oracle.Verdict
		null []string
	}{
		"a ship":          {oracle.Verdict{Plan: "AUTH", Phase: "AUTH1", Shipped: true, Source: "grep-subject", Rung: "direct", SHA: "abc1234", Summary: "abc1234 AUTH1: x <y> & z"}, []string{"demoted_sha"}},
		"a registry row":  {oracle.Verdict{Plan: "AUTH", Phase: "AUTH1", Shipped: true, Source: "registry", SHA: "abc123456789"}, []string{"demoted_sha", "rung", "summary"}},
		"nothing":         {oracle.Verdict{Plan: "AUTH", Phase: "AUTH2", Source: "none"}, []string{"demoted_sha", "rung", "sha", "summary"}},
		"a refused stamp": {oracle.Verdict{Plan: "AUTH", Phase: "AUTH1", Source: "none", Rung: "empty-stamp", Summary: "abc1234 AUTH1: x", DemotedSHA: "abc1234"}, []string{"sha"}},
	}
	for name, c := range cases {
		// The surfaces encode without HTML escaping; so must the verdict.
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(bodyOf(c.v)); err != nil {
			t.Fatal(err)
		}
		b := buf.Bytes()
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %s: %v", name, b, err)
		}
		var keys, nulls []string
		for k, v := range m {
			keys = append(keys, k)
			if v == nil {
				nulls = append(nulls, k)
			}
		}
		slices.Sort(keys)
		slices.Sort(nulls)
		if !reflect.DeepEqual(keys, want) {
			t.Errorf("%s: keys %v, want %v", name, keys, want)
		}
		if !reflect.DeepEqual(nulls, c.null) {
			t.Errorf("%s: null keys %v, want %v (%s)", name, nulls, c.null, b)
		}
		if name == "a ship" && (m["summary"] != c.v.Summary || strings.Contains(string(b), `\u003c`)) {
			t.Errorf("summary did not round-trip: %s", b)
		}
	}
}

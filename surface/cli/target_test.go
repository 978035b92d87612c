package cli

import (
	"testing"

	"github.com/dispatchos/dos/verbs"
)

// A plain command line builds only its verb in full; help, completion and
// unknown verbs build the whole tree.
func TestTargetOf(t *testing.T) {
	reg := verbs.All()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"verify", "AUTH", "AUTH1"}, "verify"},
		{[]string{"--workspace", "verify", "verify", "A", "B"}, "verify"},
		{[]string{"--workspace=x", "--job", "plan"}, "plan"},
		{[]string{"lease-lane", "acquire", "--owner", "x", "--lane", "src"}, "lease-lane acquire"},
		{[]string{"lease-lane"}, ""},
		{[]string{"lease-lane", "aquire"}, ""},
		{[]string{"verify", "--help"}, ""},
		{[]string{"help", "verify"}, ""},
		{[]string{"__complete", "ver"}, ""},
		{[]string{"nope"}, ""},
	} {
		got := ""
		if d := targetOf(reg, c.args); d != nil {
			got = d.Path
		}
		if got != c.want {
			t.Errorf("%v: target %q, want %q", c.args, got, c.want)
		}
	}
	if targetOf(reg, []string{"hook", "pretool"}) != noVerb {
		t.Error("dos hook should build no verb")
	}
}

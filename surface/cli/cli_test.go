package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/internal/version"
)

func run(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, IO{In: strings.NewReader(""), Out: &out, Err: &errb})
	return out.String(), errb.String(), code
}

// Output contract 3: errors are one "dos: error:" line (plus hints), exit 2,
// nothing on stdout.
func TestUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"no-such-verb"},
		{"version", "--bogus"},
		{"version", "extra"},
		{"exit-codes", "nope"},
		{"lease-lane"},
		{"verify", "A"},
	} {
		out, errs, code := run(t, args...)
		if code != 2 || out != "" || !strings.HasPrefix(errs, "dos: error: ") {
			t.Errorf("dos %v: code %d, stdout %q, stderr %q", args, code, out, errs)
		}
		if strings.Contains(errs, "goroutine") || strings.Contains(errs, "panic") {
			t.Errorf("dos %v printed a stack trace: %s", args, errs)
		}
	}
}

// Every top-level verb has a place in the grouped help.
func TestEveryVerbIsGrouped(t *testing.T) {
	root := NewRoot(&call.Env{}, IO{})
	for _, c := range root.Commands() {
		if c.Name() != "help" && c.Name() != "completion" && c.GroupID == "other" {
			t.Errorf("%s is not in a help group (surface/cli/groups.go)", c.Name())
		}
		if c.HasSubCommands() && groupShort(c.Name()) == "" {
			t.Errorf("group command %s has no description", c.Name())
		}
	}
}

// Practice 10: each verb's --help is snapshotted; DOS_UPDATE_SNAPS=1
// rewrites the snapshots, and a missing one fails under CI.
func TestHelpSnapshots(t *testing.T) {
	root := NewRoot(&call.Env{}, IO{})
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.Name() == "help" || sub.Name() == "completion" {
				continue
			}
			walk(sub)
		}
		if !c.Runnable() {
			return
		}
		path := strings.TrimPrefix(c.CommandPath(), "dos ")
		if c == root {
			path = "dos"
		}
		out, _, code := run(t, append(strings.Fields(strings.TrimPrefix(c.CommandPath(), "dos")), "--help")...)
		if code != 0 {
			t.Errorf("%s --help: exit %d", path, code)
		}
		file := filepath.Join("testdata", "help", strings.ReplaceAll(path, " ", "_")+".txt")
		want, err := os.ReadFile(file)
		switch {
		case os.Getenv("DOS_UPDATE_SNAPS") == "1":
			if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
				t.Fatal(err)
			}
		case err != nil:
			t.Errorf("%s: no help snapshot %s (run DOS_UPDATE_SNAPS=1 go test ./surface/cli)", path, file)
		case string(want) != out:
			t.Errorf("%s --help changed; if on purpose, run DOS_UPDATE_SNAPS=1 go test ./surface/cli\n--- got\n%s", path, out)
		}
	}
	walk(root)
}

// Output contract 1: --json is one flat object with syscall, verdict and
// exit_code added to the verb's own keys.
func TestJSONIsFlat(t *testing.T) {
	out, _, code := run(t, "version", "--json")
	if code != 0 || !strings.HasPrefix(out, "{") || !strings.Contains(out, `"syscall":"version"`) ||
		!strings.Contains(out, `"exit_code":0`) || strings.Count(out, "\n") != 1 {
		t.Fatalf("version --json: %q", out)
	}
}

func TestColor(t *testing.T) {
	got := colorize("NOT_SHIPPED AUTH AUTH2 (via none)", 1)
	want := boldRed + "NOT_SHIPPED" + reset + " AUTH AUTH2 " + boldRed + "(via none)" + reset
	if got != want {
		t.Fatalf("colorize = %q, want %q", got, want)
	}
	got = colorize("SHIPPED AUTH AUTH1 e62f74d (via grep-subject)", 0)
	if !strings.HasPrefix(got, boldGreen+"SHIPPED"+reset) || !strings.Contains(got, yellow+"(via grep-subject)"+reset) {
		t.Fatalf("colorize = %q", got)
	}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	var buf bytes.Buffer
	if !useColor(&buf, env(map[string]string{"DOS_COLOR": "always"})) {
		t.Error("DOS_COLOR=always must force colour")
	}
	if useColor(&buf, env(map[string]string{"DOS_COLOR": "always", "NO_COLOR": "1"})) {
		t.Error("NO_COLOR wins over DOS_COLOR=always")
	}
	if useColor(&buf, env(nil)) {
		t.Error("a buffer is not a terminal")
	}
}

func TestOutputFlag(t *testing.T) {
	if out, _, code := run(t, "version", "--output", "json"); code != 0 || !strings.HasPrefix(out, "{") {
		t.Errorf("--output json: %q", out)
	}
	if out, _, code := run(t, "version", "--json", "--output", "text"); code != 0 || !strings.HasPrefix(out, "dos ") {
		t.Errorf("--output text beats --json: %q", out)
	}
	if out, errs, code := run(t, "version", "--output", "yaml"); code != 2 || out != "" || !strings.Contains(errs, `unknown renderer "yaml"; known: text, json, plain`) {
		t.Errorf("unknown renderer: %d %q %q", code, out, errs)
	}
}

// Issue 7, rough edges: a misspelled subcommand is named as such with the
// nearest suggested (not "unknown flag: --owner"), and a bad number is
// answered in dos's words, not strconv's.
func TestActionableUsageErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string
		not  []string
	}{
		{[]string{"lease-lane", "aquire", "--owner", "x"},
			[]string{`dos: error: unknown subcommand "aquire" for 'dos lease-lane'`, "dos: hint: did you mean 'dos lease-lane acquire'?"},
			[]string{"unknown flag"}},
		{[]string{"lease-lane", "relase"}, []string{"did you mean 'dos lease-lane release'?"}, nil},
		{[]string{"lease-lane", "zzz"}, []string{`unknown subcommand "zzz"`, "see 'dos lease-lane --help'"}, []string{"did you mean"}},
		{[]string{"lease-lane", "acquire", "--owner", "x", "--ttl", "abc"},
			[]string{`dos: error: --ttl wants a number, got "abc"`, "see 'dos lease-lane acquire --help'"}, []string{"strconv", "ParseFloat"}},
		{[]string{"lease-lane", "acquire", "--owner", "x", "--exact=maybe"}, []string{`--exact wants true or false, got "maybe"`}, []string{"strconv"}},
		{[]string{"journal", "tail", "--help=no"}, []string{"dos: error:"}, nil},
	} {
		out, errs, code := run(t, c.args...)
		if code != 2 || out != "" {
			t.Errorf("dos %v: code %d, stdout %q", c.args, code, out)
		}
		for _, w := range c.want {
			if !strings.Contains(errs, w) {
				t.Errorf("dos %v: stderr %q lacks %q", c.args, errs, w)
			}
		}
		for _, n := range c.not {
			if strings.Contains(errs, n) {
				t.Errorf("dos %v: stderr %q has %q", c.args, errs, n)
			}
		}
	}
	// flags still parse: a bool flag alone, and a number.
	ws := t.TempDir()
	if _, errs, code := run(t, "lease-lane", "acquire", "--workspace", ws, "--owner", "x", "--exact", "--auto", "--ttl", "5"); code != 2 || !strings.Contains(errs, "--auto and --exact contradict") {
		t.Errorf("bool flags: %d %q", code, errs)
	}
}

// colorize styles exactly the "(via <source>)" spans the pattern
// \(via [a-z-]+\) finds, and leaves every other byte as it was.
func TestColorViaSpans(t *testing.T) {
	re := regexp.MustCompile(`\(via ([a-z-]+)\)`)
	for _, text := range []string{
		"V a (via none) b (via grep-subject) c (via trailer)",
		"V (via (via none)", "V (via NONE) (via x", "V (via )(via a-b)", "V", "V (via none)(via none)",
	} {
		for _, exit := range []int{0, 1} {
			word, rest, _ := strings.Cut(text, " ")
			style := boldGreen
			if exit != 0 {
				style = boldRed
			}
			want := style + word + reset
			if rest != "" {
				want += " " + re.ReplaceAllStringFunc(rest, func(m string) string {
					return viaStyle(re.FindStringSubmatch(m)[1], exit) + m + reset
				})
			}
			if got := colorize(text, exit); got != want {
				t.Errorf("colorize(%q, %d) = %q, want %q", text, exit, got, want)
			}
		}
	}
}

// dos --version prints the version (read from the build only on that path),
// as dos version does.
func TestVersionFlag(t *testing.T) {
	out, _, code := run(t, "--version")
	if code != 0 || out != "dos version "+version.String()+"\n" {
		t.Fatalf("--version: exit %d %q", code, out)
	}
	out, _, code = run(t, "version")
	if code != 0 || !strings.HasPrefix(out, "dos "+version.String()+" ") {
		t.Fatalf("version: exit %d %q", code, out)
	}
}

package hook

import (
	"slices"
	"strings"
	"testing"
)

// The write-free Bash classifier: real write targets only; a path a
// reader only mentions is not a write (hooks decision 7, spec §2.2).
func TestShellTargets(t *testing.T) {
	tests := []struct {
		cmd     string
		targets []string
		known   bool
	}{
		// readers: mentions are not writes
		{"cat dos.toml", nil, true},
		{"grep -n foo src/dos/arbiter.py", nil, true},
		{"git log --oneline -- dos.toml", nil, true},
		{`gh issue create --body "see dos.toml"`, nil, true},
		{"ls -la .dos/ && wc -l .dos/lane-journal.jsonl", nil, true},
		{"echo '> dos.toml'", nil, true},
		{`echo "a > b" | grep x`, nil, true},
		{"find . -name '*.go'", nil, true},
		{"git status && git diff | head", nil, true},
		// redirections
		{"echo x > dos.toml", []string{"dos.toml"}, true},
		{"echo x >dos.toml", []string{"dos.toml"}, true},
		{"echo x>>dos.toml", []string{"dos.toml"}, true},
		{"printf x 2> err.log 1>out.log", []string{"err.log", "out.log"}, true},
		{"make 2>&1 >/dev/null", []string{"/dev/null"}, false},
		{"cmd >&2", nil, false},
		{"cat a &> both.log", []string{"both.log"}, true},
		{"git log > src/dos/arbiter.py", []string{"src/dos/arbiter.py"}, true},
		{"cat < dos.toml", nil, true},
		{"cat <<EOF > dos.toml\nrm -rf /\nEOF\n", []string{"dos.toml"}, true},
		{"cat <<-'END' >x.txt\n\techo > y\n\tEND\necho hi", []string{"x.txt"}, true},
		{"echo x >| dos.toml", []string{"dos.toml"}, true},
		// in-place editors and writers
		{"sed -i 's/^/x/' dos.toml", []string{"dos.toml"}, true},
		{"sed -i.bak -e s/a/b/ a.txt b.txt", []string{"a.txt", "b.txt"}, true},
		{"sed -ni p dos.toml", []string{"dos.toml"}, true},
		{"sed --in-place=.orig s/a/b/ x", []string{"x"}, true},
		{"sed -i '' 's/a/b/' dos.toml", []string{"dos.toml"}, true},
		{"sed -e 's/i/x/' dos.toml", nil, true},
		{"sed 's/a/b/' dos.toml > out.txt", []string{"out.txt"}, true},
		{"perl -pi -e 's/a/b/' dos.toml", []string{"dos.toml"}, true},
		{"perl -i.bak -pe 's/a/b/' a b", []string{"a", "b"}, true},
		{"perl script.pl data/x.txt", []string{"data/x.txt"}, true},
		{"echo x | tee dos.toml", []string{"dos.toml"}, true},
		{"echo x | tee -a a.log b.log >/dev/null", []string{"/dev/null", "a.log", "b.log"}, true},
		{"rm src/dos/_tree.py", []string{"src/dos/_tree.py"}, true},
		{"rm -rf .dos", []string{".dos"}, true},
		{"touch -d yesterday a.txt", []string{"a.txt"}, true},
		{"chmod 644 dos.toml", []string{"dos.toml"}, true},
		{"cp /tmp/x dos.toml", []string{"dos.toml", "dos.toml/x"}, true},
		{"cp a.txt b.txt dir", []string{"dir/a.txt", "dir/b.txt"}, true},
		{"cp -t .claude settings.json", []string{".claude/settings.json"}, true},
		{"cp /tmp/settings.json .claude/", []string{".claude/settings.json"}, true},
		{"mv a.txt b.txt", []string{"b.txt", "a.txt", "b.txt/a.txt"}, true},
		{"dd if=/dev/zero of=dos.toml bs=1", []string{"dos.toml"}, true},
		{"sort -o out.txt in.txt", []string{"out.txt"}, true},
		{"curl -o dos.toml https://x", []string{"dos.toml"}, true},
		{"curl https://x", nil, true},
		// compound commands, wrappers, cd, nesting
		{"cd .dos && echo x > lane-journal.jsonl", []string{".dos/lane-journal.jsonl"}, true},
		{"(cd sub && make x.o) && echo x > dos.toml", []string{"dos.toml"}, false},
		{"cd /abs && touch f", []string{"/abs/f"}, true},
		{"cd $DIR && touch f", nil, false},
		{"sudo tee /etc/x < in", []string{"/etc/x"}, true},
		{"env A=1 B=2 sed -i s/a/b/ dos.toml", []string{"dos.toml"}, true},
		{"FOO=1 touch x.txt", []string{"x.txt"}, true},
		{"timeout 5 rm a.txt", []string{"a.txt"}, true},
		{"nice -n 5 touch a.txt", []string{"a.txt"}, true},
		{`bash -c 'echo x > dos.toml'`, []string{"dos.toml"}, true},
		{`sh -c "cat dos.toml"`, nil, true},
		{`eval "echo x > dos.toml"`, []string{"dos.toml"}, true},
		{"echo $(rm a.txt) > b.txt", []string{"b.txt", "a.txt"}, true},
		{"echo `touch a.txt`", []string{"a.txt"}, true},
		{"diff <(sort a) <(sort b)", nil, true},
		{"if true; then touch a.txt; fi", []string{"a.txt"}, true},
		{"for f in a b; do echo $f; done", nil, true},
		{"ls | xargs rm", nil, false},
		{"ls | xargs grep x", nil, true},
		{"git log && rm x.txt; cat y", []string{"x.txt"}, true},
		{"echo x > $OUT", nil, false},
		{"echo x > \"$HOME/a\"", nil, false},
		{"echo x > ~/.claude/settings.json", []string{"~/.claude/settings.json"}, true},
		{"echo # > dos.toml", nil, true},
		// unknown programs fall back to the reference's scrape
		{"make build", nil, false},
		{"python tools/gen.py", []string{"tools/gen.py"}, true},
		{"cp src/a.py docs/b.md docs/c.md docs/d.md", []string{"docs/d.md/a.py", "docs/d.md/b.md", "docs/d.md/c.md"}, true},
		{"git commit -m x", nil, false},
		{"git clean -fdx", []string{"."}, true},
		{"git clean -fd", nil, true},
		{"git rm -r --cached .dos", []string{".dos"}, true},
		{"git restore dos.toml", []string{"dos.toml"}, true},
		{"git -C sub status", nil, true},
		{"find . -delete", nil, false},
		// broken input is never trusted
		{"echo 'unterminated > dos.toml", nil, false},
	}
	for _, tc := range tests {
		fp := FootprintOf(Event{Tool: ToolBash, Input: map[string]any{"command": tc.cmd}})
		got := fp.Paths()
		if !slices.Equal(got, tc.targets) && !(len(got) == 0 && len(tc.targets) == 0) {
			t.Errorf("%q: targets %q, want %q", tc.cmd, got, tc.targets)
		}
		if fp.Known != tc.known {
			t.Errorf("%q: known %v, want %v", tc.cmd, fp.Known, tc.known)
		}
		if fp.WritesNothing() != (tc.known && len(tc.targets) == 0) {
			t.Errorf("%q: WritesNothing %v", tc.cmd, fp.WritesNothing())
		}
	}
}

func TestPatchPaths(t *testing.T) {
	patch := "*** Begin Patch\n*** Update File: dos.toml\n@@\n-a\n+x\n*** Add File: src/new.go\n+package x\n" +
		"*** Delete File: old.txt\n*** Update File: a.go\n*** Move to: b.go\n*** End Patch\n"
	want := []string{"dos.toml", "src/new.go", "old.txt", "a.go", "b.go"}
	if got := patchPaths(patch); !slices.Equal(got, want) {
		t.Errorf("V4A: %q, want %q", got, want)
	}
	diff := "diff --git a/x.go b/x.go\n--- a/x.go\n+++ b/x.go\n@@ -1 +1 @@\n-a\n+b\n" +
		"diff --git a/n.go b/n.go\nnew file mode 100644\n--- /dev/null\n+++ b/n.go\n"
	if got := patchPaths(diff); !slices.Equal(got, []string{"x.go", "n.go"}) {
		t.Errorf("unified: %q", got)
	}
	if got := patchPaths("just text"); len(got) != 0 {
		t.Errorf("no headers: %q", got)
	}
}

// The reader never panics and never loops, whatever the input.
func FuzzShell(f *testing.F) {
	for _, s := range []string{"echo x > a", "cat <<E\nx\nE", "$((1+2))", "a `b` $(c $(d)) <(e)", `"\`, "'", "${", "((", "))", "x >& y", strings.Repeat("$(", 50)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fp := classifyShell(s)
		for _, tg := range fp.targets {
			if tg.path == "" {
				t.Fatalf("%q: empty target", s)
			}
		}
	})
}

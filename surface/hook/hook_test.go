package hook

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dispatchos/dos/internal/gittest"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/lock"
)

var now = time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)

// repo is a real git repository with a dos.toml and one commit.
func repo(t testing.TB) string {
	t.Helper()
	dir := gittest.Init(t)
	if err := os.WriteFile(filepath.Join(dir, "dos.toml"), []byte("[lanes]\nconcurrent = [\"docs\", \"src\"]\n[lanes.trees]\ndocs = [\"docs/**\"]\nsrc = [\"src/**\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	gittest.Git(t, dir, "add", "dos.toml")
	gittest.Git(t, dir, "commit", "-q", "-m", "init")
	return dir
}

// fixture is a payload a real host sent (hostcfg/testdata), with the
// host's /repo and /home/user mapped onto this test's directories.
func fixture(t *testing.T, host, name, dir string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "hostcfg", "testdata", host, "input", name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.ReplaceAll(string(b), "/home/user", filepath.Join(dir, "home"))
	return []byte(strings.ReplaceAll(s, "/repo", dir))
}

type env map[string]string

func (e env) get(k string) string { return e[k] }

// invoke runs one hook and returns its stdout and stderr.
func invoke(t *testing.T, verb, dialect, dir string, e env, stdin []byte, extra ...string) (string, string) {
	t.Helper()
	args := append([]string{verb, "--workspace", dir}, extra...)
	if dialect != "" {
		args = append(args, "--dialect", dialect)
	}
	r := ParseArgs(args)
	var out, errb bytes.Buffer
	r.Stdin, r.Stdout, r.Stderr = bytes.NewReader(stdin), &out, &errb
	if e == nil {
		e = env{}
	}
	r.Getenv, r.Now = e.get, func() time.Time { return now }
	if code := Run(context.Background(), r); code != 0 {
		t.Fatalf("exit %d", code)
	}
	return out.String(), errb.String()
}

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("stdout %q: %v", s, err)
	}
	return m
}

func permission(t *testing.T, s string) string {
	t.Helper()
	if s == "" {
		return ""
	}
	hso, _ := decode(t, s)["hookSpecificOutput"].(map[string]any)
	p, _ := hso["permissionDecision"].(string)
	return p
}

func journalRecords(t *testing.T, dir string) []lease.Record {
	t.Helper()
	lines, _, err := journal.New(filepath.Join(dir, ".dos", "lane-journal.jsonl")).Lines()
	if err != nil {
		t.Fatal(err)
	}
	var out []lease.Record
	for _, l := range lines {
		out = append(out, l.Record)
	}
	return out
}

// Hooks decisions 6, 7 and 10, on the real payloads: dos.toml is refused
// by file tool, shell redirect and sed -i on every host, each deny
// appends one ENFORCE record, and reads pass silently.
func TestPretoolProtectsDosToml(t *testing.T) {
	dir := repo(t)
	cases := []struct{ host, dialect, name string }{
		{"claude", "", "PreToolUse-Write"}, {"claude", "", "PreToolUse-Bash"}, {"claude", "", "PreToolUse-Bash-sed"},
		{"codex", "codex", "PreToolUse-apply_patch"}, {"codex", "codex", "PreToolUse-Bash"}, {"codex", "codex", "PreToolUse-Bash-sed"},
		{"gemini", "gemini", "BeforeTool-write_file"}, {"gemini", "gemini", "BeforeTool-run_shell_command"}, {"gemini", "gemini", "BeforeTool-run_shell_command-sed"},
		{"cursor", "cursor", "beforeShellExecution"}, {"cursor", "cursor", "preToolUse-Write"},
		{"antigravity", "antigravity", "PreToolUse-write_to_file"}, {"antigravity", "antigravity", "PreToolUse-run_command-sed"},
	}
	for i, c := range cases {
		out, _ := invoke(t, "pretool", c.dialect, dir, nil, fixture(t, c.host, c.name, dir))
		m := decode(t, out)
		denied := false
		switch c.host {
		case "claude", "codex":
			denied = permission(t, out) == "deny"
		case "gemini", "antigravity":
			denied = m["decision"] == "deny" && m["continue"] == nil
		case "cursor":
			denied = m["permission"] == "deny"
		}
		if !denied {
			t.Errorf("%s %s: %s", c.host, c.name, out)
		}
		recs := journalRecords(t, dir)
		if len(recs) != i+1 || recs[i].Op != "ENFORCE" || recs[i].ReasonClass != "SELF_MODIFY" || recs[i].Seq != int64(i+1) {
			t.Fatalf("%s %s: journal %+v", c.host, c.name, recs)
		}
	}
	for _, c := range []struct{ host, dialect, name, want string }{
		{"claude", "", "PreToolUse-Read", ""}, {"codex", "codex", "PreToolUse-Bash-read", ""},
		{"gemini", "gemini", "BeforeTool-read_file", ""}, {"cursor", "cursor", "beforeReadFile", `{"permission":"allow"}` + "\n"},
		{"antigravity", "antigravity", "PreToolUse-view_file", ""},
	} {
		if out, errs := invoke(t, "pretool", c.dialect, dir, nil, fixture(t, c.host, c.name, dir)); out != c.want || errs != "" {
			t.Errorf("%s read: %q %q", c.host, out, errs)
		}
	}
	if n := len(journalRecords(t, dir)); n != len(cases) {
		t.Errorf("reads were journaled: %d records", n)
	}
	if b, err := os.ReadFile(filepath.Join(dir, ".dos", ".gitignore")); err != nil || !strings.Contains(string(b), "*") {
		t.Errorf(".dos/.gitignore: %q %v", b, err)
	}
}

// Hooks decision 10: a busy journal lock costs the ENFORCE record, never
// the answer, and says so on stderr.
func TestPretoolEnforceSkippedWhenBusy(t *testing.T) {
	dir := repo(t)
	lk, err := lock.AcquireFlock(context.Background(), filepath.Join(dir, ".dos", journal.LockName), 0)
	if err != nil {
		t.Fatal(err)
	}
	defer lk.Release()
	start := time.Now()
	out, errs := invoke(t, "pretool", "", dir, nil, fixture(t, "claude", "PreToolUse-Write", dir))
	if permission(t, out) != "deny" || !strings.Contains(errs, "ENFORCE record not written") {
		t.Errorf("out %q err %q", out, errs)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("waited %v for a busy lock", d)
	}
	if n := len(journalRecords(t, dir)); n != 0 {
		t.Errorf("%d records written under someone else's lock", n)
	}
}

func acquire(t testing.TB, dir, holder, lane string, tree ...string) {
	t.Helper()
	j := journal.New(filepath.Join(dir, ".dos", "lane-journal.jsonl"))
	tx, err := j.Begin(context.Background(), time.Second, now)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	l := lease.Lease{Lane: lane, LaneKind: "cluster", Tree: tree, LoopTS: lease.FormatStamp(now), Holder: holder,
		AcquiredAt: lease.FormatStamp(now.Add(-time.Minute))}
	if _, err := tx.Append(map[string]any{"op": lease.OpAcquire, "lane": lane, "loop_ts": l.LoopTS, "lease": l}); err != nil {
		t.Fatal(err)
	}
}

// Lanes through the hook: another owner's lane refuses a write in loop
// mode and warns in an operator session; the agent's own lease and an
// expired lease never count (hooks decisions 4 and 8, lanes decision 3).
func TestPretoolLanes(t *testing.T) {
	dir := repo(t)
	acquire(t, dir, "other-agent", "docs", "docs/**")
	write := func(p, session string) []byte {
		return []byte(`{"hook_event_name":"PreToolUse","session_id":"` + session + `","cwd":"` + dir +
			`","tool_name":"Write","tool_input":{"file_path":"` + dir + "/" + p + `","content":"x"}}`)
	}
	loop := env{"DOS_LOOP": "1"}
	if out, _ := invoke(t, "pretool", "", dir, loop, write("docs/a.md", "me")); permission(t, out) != "deny" {
		t.Errorf("loop, other's lane: %q", out)
	}
	out, _ := invoke(t, "pretool", "", dir, nil, write("docs/a.md", "me"))
	if out == "" || permission(t, out) != "" || !strings.Contains(out, "additionalContext") {
		t.Errorf("operator, other's lane: %q", out)
	}
	if out, _ := invoke(t, "pretool", "", dir, loop, write("src/a.go", "me")); out != "" {
		t.Errorf("loop, free lane: %q", out)
	}
	if out, _ := invoke(t, "pretool", "", dir, loop, write("docs/a.md", "other-agent")); out != "" {
		t.Errorf("own lease: %q", out)
	}
	if out, _ := invoke(t, "pretool", "", dir, env{"CID_RUN_ID": "other-agent"}, write("docs/a.md", "x")); out != "" {
		t.Errorf("own lease by run id: %q", out)
	}
	// An hour later the lease (50 min ttl + 5 grace) has expired.
	r := ParseArgs([]string{"pretool", "--workspace", dir})
	var b bytes.Buffer
	r.Stdin, r.Stdout, r.Getenv = bytes.NewReader(write("docs/a.md", "me")), &b, loop.get
	r.Now = func() time.Time { return now.Add(time.Hour) }
	Run(context.Background(), r)
	if b.Len() != 0 {
		t.Errorf("expired lease still refuses: %q", b.String())
	}
}

// Hooks decision 3: a hook never breaks a turn.
func TestFailSafe(t *testing.T) {
	dir := repo(t)
	for _, stdin := range []string{"", "not json", "[1]", "{", `{"hook_event_name":"PostToolUse","tool_name":"Read","tool_response":"x"}`} {
		for _, d := range []string{"", "codex", "gemini", "antigravity"} {
			if out, _ := invoke(t, "pretool", d, dir, nil, []byte(stdin)); out != "" {
				t.Errorf("%s %q: %q", d, stdin, out)
			}
		}
		if out, _ := invoke(t, "pretool", "cursor", dir, nil, []byte(stdin)); out != `{"permission":"allow"}`+"\n" {
			t.Errorf("cursor %q: %q", stdin, out)
		}
	}
	// a missing workspace
	if out, _ := invoke(t, "pretool", "cursor", filepath.Join(dir, "nope"), nil, fixture(t, "cursor", "beforeShellExecution", dir)); out != `{"permission":"allow"}`+"\n" {
		t.Errorf("no workspace: %q", out)
	}
	// unknown flags and verbs, bad values, an unknown dialect
	if out, _ := invoke(t, "pretool", "", dir, nil, fixture(t, "claude", "PreToolUse-Write", dir), "--bogus", "--max-markers=abc", "-x"); permission(t, out) != "deny" {
		t.Errorf("unknown flags changed the answer: %q", out)
	}
	if out, _ := invoke(t, "frobnicate", "", dir, nil, fixture(t, "claude", "PreToolUse-Write", dir)); out != "" {
		t.Errorf("unknown verb: %q", out)
	}
	if out, _ := invoke(t, "pretool", "hermes", dir, nil, fixture(t, "claude", "PreToolUse-Write", dir)); out != "" {
		t.Errorf("unknown dialect: %q", out)
	}
	// a panic inside the hook
	r := ParseArgs([]string{"pretool", "--dialect", "cursor"})
	var b bytes.Buffer
	r.Stdin, r.Stdout = panicReader{}, &b
	if code := Run(context.Background(), r); code != 0 || b.String() != `{"permission":"allow"}`+"\n" {
		t.Errorf("panic: exit %d, %q", code, b.String())
	}
	// no arguments at all
	var o, e bytes.Buffer
	if code := Main(nil, strings.NewReader(""), &o, &e); code != 0 || o.Len() != 0 || !strings.Contains(e.String(), "usage") {
		t.Errorf("no args: %d %q %q", code, o.String(), e.String())
	}
}

type panicReader struct{}

func (panicReader) Read([]byte) (int, error) { panic("boom") }

func TestParseArgs(t *testing.T) {
	r := ParseArgs([]string{"--dialect=codex", "stop", "-w", "/x", "--strict", "--last-turns", "3", "--unknown", "v", "--loop=false", "--max-markers", "nan"})
	if r.Verb != "stop" || r.Dialect != "codex" || r.Workspace != "/x" || !r.Strict || r.LastTurns != 3 || r.Loop || r.MaxMarkers != 0 {
		t.Errorf("%+v", r)
	}
}

// Posttool: three identical results warn, the stream is kept in
// .dos/streams/<session>.jsonl, and the session key is sanitised.
func TestPosttool(t *testing.T) {
	dir := repo(t)
	in := fixture(t, "codex", "PostToolUse-Bash-read", dir)
	var outs []string
	for range 5 {
		out, _ := invoke(t, "posttool", "codex", dir, nil, in)
		outs = append(outs, out)
	}
	if outs[0] != "" || outs[1] != "" || !strings.Contains(outs[2], "REPEATING") || !strings.Contains(outs[4], "STALLED") {
		t.Errorf("outs %q", outs)
	}
	b, err := os.ReadFile(filepath.Join(dir, ".dos", "streams", "01a2334c-d562-74c2-9a34-9e47c3a72245.jsonl"))
	if err != nil || strings.Count(string(b), "\n") != 5 || !strings.Contains(string(b), `"step_index":4`) {
		t.Errorf("stream %s %v", b, err)
	}
	ev := `{"hook_event_name":"PostToolUse","session_id":"a/../b","tool_name":"Read","tool_input":{},"tool_response":"x"}`
	invoke(t, "posttool", "", dir, nil, []byte(ev))
	if _, err := os.Stat(filepath.Join(dir, ".dos", "streams", "ab.jsonl")); err != nil {
		t.Error(err)
	}
	// A long stream is cut back to the steps the classifier reads, and the
	// run it holds survives the cut.
	long := filepath.Join(dir, ".dos", "streams", "01a2334c-d562-74c2-9a34-9e47c3a72245.jsonl")
	line := strings.SplitAfter(string(b), "\n")[0]
	os.WriteFile(long, []byte(strings.Repeat(line, 300_000/len(line))+string(b)), 0o644)
	if out, _ := invoke(t, "posttool", "codex", dir, nil, in); !strings.Contains(out, "STALLED") {
		t.Errorf("after a long stream: %q", out)
	}
	if fi, err := os.Stat(long); err != nil || fi.Size() > 4096 {
		t.Errorf("stream not trimmed: %v %v", fi.Size(), err)
	}
	if out, _ := invoke(t, "posttool", "codex", dir, nil, in); !strings.Contains(out, "STALLED") {
		t.Errorf("after the trim: %q", out)
	}
	ev = `{"hook_event_name":"PostToolUse","session_id":"../","tool_name":"Read","tool_response":"x"}`
	if out, _ := invoke(t, "posttool", "cursor", dir, nil, []byte(ev)); out != `{"permission":"allow"}`+"\n" {
		t.Errorf("no usable session: %q", out)
	}
}

// Hooks decision 5 and the measured stop contract: a claim git does not
// back blocks the stop once; stop_hook_active lets it through; a shipped
// claim passes; the transcript is read when the host sends no message.
func TestStop(t *testing.T) {
	dir := repo(t)
	gittest.Commit(t, dir, "AUTH1: ship login", "src/login.go")
	stop := func(msg string, active bool) []byte {
		m := map[string]any{"hook_event_name": "Stop", "session_id": "s", "cwd": dir, "stop_hook_active": active, "last_assistant_message": msg}
		b, _ := json.Marshal(m)
		return b
	}
	out, _ := invoke(t, "stop", "", dir, nil, stop("Done.\nDOS-CLAIM: AUTH AUTH2", false))
	if m := decode(t, out); m["decision"] != "block" || !strings.Contains(m["reason"].(string), "AUTH AUTH2") {
		t.Errorf("unverified: %q", out)
	}
	if out, _ := invoke(t, "stop", "", dir, nil, stop("DOS-CLAIM: AUTH AUTH2", true)); out != "" {
		t.Errorf("stop_hook_active: %q", out)
	}
	if out, _ := invoke(t, "stop", "", dir, nil, stop("DOS-CLAIM: AUTH AUTH1", false)); out != "" {
		t.Errorf("shipped: %q", out)
	}
	if out, _ := invoke(t, "stop", "", dir, nil, stop("AUTH2 is done.", false)); out != "" {
		t.Errorf("plain words outside strict mode: %q", out)
	}
	if out, _ := invoke(t, "stop", "", dir, nil, stop("AUTH2 is done.", false), "--strict"); !strings.Contains(out, "block") {
		t.Errorf("plain words, strict: %q", out)
	}
	// Gemini's retry holds every answer so far; stop_hook_active wins.
	if out, _ := invoke(t, "stop", "gemini", dir, nil, fixture(t, "gemini", "AfterAgent-retry", dir), "--strict"); out != "" {
		t.Errorf("gemini retry: %q", out)
	}
	g := fixture(t, "gemini", "AfterAgent", dir)
	g = bytes.Replace(g, []byte(`"prompt_response": "done"`), []byte(`"prompt_response": "DOS-CLAIM: AUTH AUTH9"`), 1)
	if out, _ := invoke(t, "stop", "gemini", dir, nil, g); decode(t, out)["decision"] != "deny" {
		t.Errorf("gemini block: %q", out)
	}
	tr := filepath.Join(dir, "t.jsonl")
	os.WriteFile(tr, []byte(`{"type":"assistant","message":{"role":"assistant","content":[{"type":"text","text":"DOS-CLAIM: AUTH AUTH3"}]}}`+"\n"), 0o644)
	ev := `{"hook_event_name":"Stop","session_id":"s","stop_hook_active":false,"transcript_path":"` + tr + `"}`
	if out, _ := invoke(t, "stop", "codex", dir, nil, []byte(ev)); decode(t, out)["decision"] != "block" {
		t.Errorf("transcript claim: %q", out)
	}
	// Outside git nothing can be verified: the stop passes.
	plain := t.TempDir()
	if out, _ := invoke(t, "stop", "", plain, nil, stop("DOS-CLAIM: AUTH AUTH2", false)); out != "" {
		t.Errorf("outside git: %q", out)
	}
}

// Strict mode switched on in dos.toml ([hooks] strict_stop = true), on
// the payloads Claude Code, Codex and Gemini CLI sent when their model
// answered a plain "AUTH1 is done.": off, the stop passes; on, each host
// gets its own block shape once, and the retry goes through.
func TestStopStrictFromConfig(t *testing.T) {
	dir := repo(t)
	for _, c := range []struct{ host, dialect, file, retry, want string }{
		{"claude", "", "Stop-strict", "Stop-retry", "block"},
		{"codex", "codex", "Stop-strict", "Stop-retry", "block"},
		{"gemini", "gemini", "AfterAgent-strict", "AfterAgent-retry", "deny"},
	} {
		in := fixture(t, c.host, c.file, dir)
		if out, _ := invoke(t, "stop", c.dialect, dir, nil, in); out != "" {
			t.Errorf("%s, strict off: %q", c.host, out)
		}
		os.WriteFile(filepath.Join(dir, "dos.toml"), []byte("[hooks]\nstrict_stop = true\n"), 0o644)
		out, _ := invoke(t, "stop", c.dialect, dir, nil, in)
		if m := decode(t, out); m["decision"] != c.want || !strings.Contains(m["reason"].(string), "NOT_SHIPPED AUTH AUTH1") {
			t.Errorf("%s, strict_stop = true: %q", c.host, out)
		}
		if out, _ := invoke(t, "stop", c.dialect, dir, nil, fixture(t, c.host, c.retry, dir)); out != "" {
			t.Errorf("%s retry, strict_stop = true: %q", c.host, out)
		}
		os.WriteFile(filepath.Join(dir, "dos.toml"), []byte("[hooks]\nstrict_stop = false\n"), 0o644)
		if out, _ := invoke(t, "stop", c.dialect, dir, nil, in); out != "" {
			t.Errorf("%s, strict_stop = false: %q", c.host, out)
		}
	}
}

// Gemini CLI drops a BeforeTool warning (0.61, measured in the real host:
// no additionalContext reached the model): the operator sees it as a
// systemMessage at once, and AfterTool repeats it for the agent, on the
// payloads Gemini sent for a write into a lane another agent holds. One
// ENFORCE record only; in loop mode the call is denied before it runs and
// nothing is relayed; hosts that read the pre-tool warning get no relay.
func TestGeminiPreWarnRelayed(t *testing.T) {
	dir := repo(t)
	acquire(t, dir, "other-agent", "docs", "docs/**")
	journalLines := func() int {
		b, _ := os.ReadFile(filepath.Join(dir, ".dos", "lane-journal.jsonl"))
		return strings.Count(string(b), "\n")
	}
	before := journalLines()
	out, _ := invoke(t, "pretool", "gemini", dir, nil, fixture(t, "gemini", "BeforeTool-write_file-lease", dir))
	m := decode(t, out)
	if sm, _ := m["systemMessage"].(string); !strings.Contains(sm, "advisory") || m["decision"] != nil {
		t.Errorf("BeforeTool warning: %q", out)
	}
	out, _ = invoke(t, "posttool", "gemini", dir, nil, fixture(t, "gemini", "AfterTool-write_file-lease", dir))
	hso, _ := decode(t, out)["hookSpecificOutput"].(map[string]any)
	if ctx, _ := hso["additionalContext"].(string); hso["hookEventName"] != "AfterTool" || !strings.Contains(ctx, "advisory") || !strings.Contains(ctx, "other-agent") {
		t.Errorf("AfterTool relay: %q", out)
	}
	if n := journalLines() - before; n != 1 {
		t.Errorf("%d ENFORCE records, want 1 (the pretool's)", n)
	}
	loop := env{"DOS_LOOP": "1"}
	if out, _ := invoke(t, "pretool", "gemini", dir, loop, fixture(t, "gemini", "BeforeTool-write_file-lease", dir)); decode(t, out)["decision"] != "deny" {
		t.Errorf("loop BeforeTool: %q", out)
	}
	if out, _ := invoke(t, "posttool", "gemini", dir, loop, fixture(t, "gemini", "AfterTool-write_file-lease", dir)); strings.Contains(out, "advisory") {
		t.Errorf("loop AfterTool relayed: %q", out)
	}
	post := `{"hook_event_name":"PostToolUse","session_id":"c1","cwd":"` + dir + `","tool_name":"Write","tool_input":{"file_path":"` + dir + `/docs/a.md","content":"x"},"tool_response":{"success":true}}`
	if out, _ := invoke(t, "posttool", "", dir, nil, []byte(post)); out != "" {
		t.Errorf("claude PostToolUse relayed: %q", out)
	}
	// a read needs no relay, and reads no journal
	if out, _ := invoke(t, "posttool", "gemini", dir, nil, fixture(t, "gemini", "AfterTool-read_file", dir)); strings.Contains(out, "advisory") {
		t.Errorf("read relayed: %q", out)
	}
}

func TestMarker(t *testing.T) {
	dir := repo(t)
	ev := []byte(`{"hook_event_name":"Stop","session_id":"m1","stop_hook_active":false}`)
	if out, _ := invoke(t, "marker", "", dir, nil, ev); out != "" {
		t.Errorf("unarmed: %q", out)
	}
	loop := env{"DOS_LOOP": "1"}
	var blocks int
	for range 4 {
		if out, _ := invoke(t, "marker", "", dir, loop, ev, "--max-markers", "2"); strings.Contains(out, "block") {
			blocks++
		}
	}
	if blocks != 2 {
		t.Errorf("%d blocks, want 2", blocks)
	}
	invoke(t, "marker", "", dir, loop, ev, "--reset")
	if out, _ := invoke(t, "marker", "", dir, loop, ev, "--max-markers", "2"); !strings.Contains(out, "1/2") {
		t.Errorf("after reset: %q", out)
	}
	active := []byte(`{"hook_event_name":"Stop","session_id":"m1","stop_hook_active":true}`)
	if out, _ := invoke(t, "marker", "", dir, loop, active); out != "" {
		t.Errorf("stop_hook_active: %q", out)
	}
}

// Hooks decision 6: the user-level hook files count too, wherever the
// host keeps them ($HOME, Codex's $CODEX_HOME), and the verify index in the
// git directory.
func TestPretoolProtectsUserFiles(t *testing.T) {
	dir := repo(t)
	home, codexHome := t.TempDir(), t.TempDir()
	e := env{"HOME": home, "CODEX_HOME": codexHome}
	for _, p := range []string{home + "/.claude/settings.json", home + "/.gemini/config/hooks.json", codexHome + "/config.toml", dir + "/.git/dos/x.idx"} {
		ev := `{"hook_event_name":"PreToolUse","session_id":"s","cwd":"` + dir + `","tool_name":"Write","tool_input":{"file_path":"` + p + `"}}`
		if out, _ := invoke(t, "pretool", "", dir, e, []byte(ev)); permission(t, out) != "deny" {
			t.Errorf("%s: %q", p, out)
		}
	}
	ev := `{"hook_event_name":"PreToolUse","session_id":"s","cwd":"` + dir + `","tool_name":"Bash","tool_input":{"command":"echo '{}' > ~/.claude/settings.json"}}`
	if out, _ := invoke(t, "pretool", "", dir, e, []byte(ev)); permission(t, out) != "deny" {
		t.Errorf("~ redirect: %q", out)
	}
}

// Package samples holds one sample call per syscall and the workspace they
// run in, for tests that compare surfaces (the CLI's --json, MCP structured
// content) and check answers against their declared output schemas.
package samples

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dispatchos/dos/internal/gittest"
)

// Call is one sample invocation: a verb path and its arguments as the JSON
// object an MCP client would send (workspace is added by the caller).
type Call struct {
	Path string
	Args string
}

// Calls lists at least one call per syscall. A verb registered without a
// sample fails the registry test, so new verbs get one.
var Calls = []Call{
	{"version", `{}`},
	{"exec-capability", `{"command":"git status && bash -c x"}`},
	{"exec-capability", `{"command":"nice -n 5 ls"}`},
	{"exec-capability", `{"command":""}`},
	{"hook-exit", `{"code":2}`},
	{"hook-exit", `{"code":0}`},
	{"hook-exit", `{"code":0,"map":"0=OBSERVE"}`},
	{"guard", `{"print_config":true,"verify_on_stop":true,"host_command":["claude","-p","hi"]}`},
	{"hosts", `{}`},
	{"exit-codes", `{}`},
	{"exit-codes", `{"verb":"verify"}`},
	{"verify", `{"plan":"AUTH","phase":"AUTH1"}`},
	{"verify", `{"plan":"AUTH","phase":"AUTH2"}`},
	{"verify", `{"plan":"AUTH","phase":"AUTH3"}`},
	{"plan", `{}`},
	{"commit-audit", `{}`},
	{"commit-audit", `{"ref":"HEAD~1..HEAD"}`},
	{"doctor", `{}`},
	{"doctor", `{"check":true}`},
	{"lint", `{}`},
	{"init", `{}`},
	{"arbitrate", `{"lane":"src"}`},
	{"reasons", `{}`},
	{"check-reason", `{"reason_class":"LANE_BUSY"}`},
	{"scope-gate", `{"lane":"src","file":["src/a.go"]}`},
	{"scope-gate", `{"lane":"src","file":["docs/x.md"]}`},
	{"lease-lane acquire", `{"owner":"agent-S","lane":"docs"}`},
	{"lease-lane heartbeat", `{"owner":"agent-S","lane":"docs"}`},
	{"lease-lane live", `{}`},
	{"lease-lane release", `{"owner":"agent-S","lane":"docs"}`},
	{"lease-lane reap", `{}`},
	{"journal tail", `{}`},
	{"journal replay", `{}`},
	{"journal seq", `{}`},
	{"journal compact", `{}`},
	{"journal export", `{}`},
	{"journal export", `{"out":"export.jsonl"}`},
	{"fleet import", `{"file":"fleet.jsonl"}`},
	{"halt", `{"handle":"sample-run","lane":"src","reason":"sample"}`},
	{"run-id mint", `{"process":"sample"}`},
	{"id-alloc allocate", `{"scope":"sample"}`},
	{"id-alloc peek", `{"scope":"sample"}`},
	{"lease acquire", `{"owner":"sample"}`},
	{"lease status", `{}`},
	{"lease release", `{"owner":"sample"}`},
	{"liveness", `{"run_id":"RID-1KSR49200000C1S","now_ms":"1780000100000"}`},
	{"liveness", `{"run_id":"RID-1KSR49200000C1S","now_ms":"1790000000000","last_heartbeat_age_ms":"1000"}`},
	{"intent declare", `{"run_id":"RID-1KSR49200000C1S","goal":"sample","step":["s1=src/**","s2"]}`},
	{"intent claim", `{"run_id":"RID-1KSR49200000C1S","step":"s1","sha":"0000000"}`},
	{"intent verify-step", `{"run_id":"RID-1KSR49200000C1S","step":"s1","sha":"0000000"}`},
	{"status", `{"run":"RID-1KSR49200000C1S","now_ms":"1780000100000"}`},
	{"status", `{"run_id":"RID-1KSR49200000C1S","stopped":true}`},
	{"trace", `{"run":"RID-1KSR49200000C1S"}`},
	{"trace", `{"run":"RID-1KSR49200000C1T"}`},
	{"resume", `{"run_id":"RID-1KSR49200000C1S"}`},
	{"complete", `{"run_id":"RID-1KSR49200000C1S"}`},
	{"rewind", `{"run_id":"RID-1KSR49200000C1S","fire":"DIVERGED"}`},
	{"rewind", `{"run_id":"RID-1KSR49200000C1S"}`},
	{"halt", `{"handle":"sample-run","run_id":"RID-1KSR49200000C1S","resumable":true}`},
	{"productivity", `{"deltas":"5,3,1"}`},
	{"productivity", `{"deltas":"7"}`},
	{"efficiency", `{"work":0,"tokens":80000}`},
	{"efficiency", `{"work":3,"usage":"{\"prompt_tokens\":1000,\"completion_tokens\":500,\"prompt_tokens_details\":{\"cached_tokens\":800}}"}`},
	{"efficiency-trend", `{"samples":"9:1000,8:1000,3:2000,2:2400"}`},
	{"efficiency-trend", `{"from_journal":true}`},
	{"breaker", `{"consecutive":3,"total":3,"on_trip":"human"}`},
	{"breaker", `{}`},
	{"improve", `{"suite_passed":true,"truth_clean":true,"work":42,"baseline_work":40}`},
	{"improve", `{"suite_passed":true,"truth_clean":true,"work":42,"baseline_work":40,"efficiency_floor":0.5,"usage":"{\"input_tokens\":5000}"}`},
	{"reward", `{"witness":"confirm"}`},
	{"reward", `{"witness":"refute","narrated":"all good"}`},
	{"work-account", `{"verified_ships":1,"claimed_ships":3}`},
	{"noop-streak", `{"turns":2}`},
	{"loop", `{}`},
	{"loop", `{"target":"3"}`},
	{"watch", `{"discover":true}`},
	{"watch", `{"track":["RID-01KCZ2M9W0ABCDEF"]}`},
}

// Workspace makes a git repository the sample calls answer in: plan AUTH
// with AUTH1 shipped, AUTH2 never, AUTH3 stamped on an empty commit; lanes
// src and docs; a lease on src held by agent-A; an export to import
// (fleet.jsonl).
func Workspace(t testing.TB) string {
	t.Helper()
	dir := gittest.Init(t)
	gittest.Commit(t, dir, "init: layout", "README.md")
	gittest.Commit(t, dir, "AUTH1: ship the login endpoint", "src/a.go")
	gittest.Git(t, dir, "commit", "-q", "--allow-empty", "-m", "AUTH3: done, trust me")
	write(t, dir, "dos.toml", "[lanes]\nconcurrent = [\"src\", \"docs\"]\nexclusive = [\"global\"]\n"+
		"[lanes.trees]\nsrc = [\"src/**\"]\ndocs = [\"docs/**\"]\nglobal = [\"**/*\"]\n")
	write(t, dir, "fleet.jsonl", `{"lane":"docs","loop_ts":"2026-01-01T00:00:00Z","op":"SPAWN","seq":1,"ts":"2026-01-01T00:00:00Z"}`+"\n")
	write(t, dir, "docs/auth-plan.md", "# AUTH\n\n## 1. AUTH AUTH1 — login\n\nSHIPPED\n\n## 2. AUTH AUTH2 — logout\n")
	return dir
}

func write(t testing.TB, dir, rel, body string) {
	t.Helper()
	p := filepath.Join(dir, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

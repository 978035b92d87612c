package ship

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/kernel/audit"
	"github.com/dispatchos/dos/witness/git"
	"github.com/dispatchos/dos/witness/gitref"
)

// CommitAuditArgs are the arguments of commit-audit.
type CommitAuditArgs struct {
	Ref      string `name:"ref" pos:"0" default:"HEAD" help:"the commit to audit, or a range A..B (newest first, at most 500 commits)"`
	Sweep    string `name:"sweep" mcp:"-" help:"audit the range A..B and print one summary block instead of a line per commit"`
	WarnOnly bool   `name:"warn-only" mcp:"-" help:"report unwitnessed claims but exit 0 (verdict WARNED)"`
	DocsOK   bool   `name:"docs-ok" help:"accept a diff that touches only docs as witness of a code-effect claim"`
}

// auditRangeCap is how many commits a range audit reads, newest first.
const auditRangeCap = 500

// CommitAudit answers whether a commit's subject claims something its own
// diff does not show.
var CommitAudit = call.Def{
	Path:  "commit-audit",
	Use:   "[<ref> | <A..B>]",
	Short: "Does a commit's subject claim something its own diff does not show?",
	Long: `USE THIS WHEN: an agent reports work done and you want to know whether its
commits do the kind of thing their subjects say, before you accept them.

commit-audit reads each commit's subject as a claim and its diff (against the
first parent, renames as a delete and an add) as the witness:

  code_effect  "fix", "add", "implement", "remove", ... leading the subject:
               witnessed by a source file; by a data or config file
               (data-witnessed); by a CI file when the head is "ci:" or
               "x(ci):". An empty commit never witnesses anything.
  test         "tests pass", "add tests", a "test:" head: witnessed by a test
               file. Saying tests pass while net-deleting test lines (not a
               rename or move) is CLAIM_UNWITNESSED.
  doc          "docs:", "README.md:", "fix typo": witnessed by any file.
  none         housekeeping words (wip, chore, bump, merge, revert, format,
               ...) or no recognised verb: ABSTAIN, nothing is checked.

Each commit prints one line, ⚑ UNWITNESSED, ✓ witnessed or · abstain, with the
short sha, the witness and the reason. A <ref> containing ".." is a range:
the commits reachable from B and not from A, newest first, at most 500 (the
newest 500 of a longer range; a warning says so). --sweep <A..B> prints one
summary block (counts, drift rate, a grid by claim kind) instead.

Exit 0 when nothing is unwitnessed (clean), 1 when any commit is (unwitnessed),
2 when the ref or either end of a range does not resolve. --warn-only turns
unwitnessed into WARNED, exit 0: the findings are reported, the step passes. Unlike the Python reference, an
unreadable range is exit 2, not "no commits in range".

This checks kind, not correctness: a witnessed "fix" may still be wrong. It is
advisory, plan-free and author-neutral; dos spawns no git process for it.`,
	Example: `  # the last commit
  $ dos commit-audit
  ⚑ UNWITNESSED 1a2b3c4  [subject-only]  code-effect claim but the commit is EMPTY (touched no files)

  # every commit on this branch since main
  $ dos commit-audit main..HEAD

  # one summary for the last 50 commits, as JSON
  $ dos commit-audit --sweep HEAD~50..HEAD --json

  # advisory in CI: show findings, never fail the step
  $ dos commit-audit origin/main..HEAD --warn-only`,
	Toolset:  call.Core,
	Class:    call.ReadOnly,
	Surfaces: call.CLI | call.MCP,
	Verdicts: []*call.Verdict{&Clean, &Warned, &Unwitnessed},
	Handler:  &call.Typed[CommitAuditArgs, AuditReport]{Fn: runCommitAudit},
}

func runCommitAudit(ctx context.Context, env *call.Env, a *CommitAuditArgs) (*call.Reply[AuditReport], error) {
	target := a.Ref
	if a.Sweep != "" {
		if a.Ref != "HEAD" {
			return nil, call.Usagef("give either <ref> or --sweep <range>, not both")
		}
		target = a.Sweep
	}
	from, to, isRange, err := git.SplitRange(target)
	if err != nil {
		return nil, call.Usagef("%s: %v", target, err)
	}
	if a.Sweep != "" && !isRange {
		return nil, &call.UsageError{Msg: fmt.Sprintf("--sweep wants a range A..B, got %q", a.Sweep),
			Hints: []string{"for example: dos commit-audit --sweep HEAD~50..HEAD"}}
	}
	ws, err := env.Workspace()
	if err != nil {
		return nil, err
	}
	root := ws.CheckoutRoot
	if root == "" {
		root = ws.Dir
	}
	unreadable := func(why string) error {
		return &call.UsageError{
			Msg:   fmt.Sprintf("cannot read '%s' in %s (not a git repo, or bad ref)", target, root),
			Hints: []string{why},
		}
	}
	if !ws.IsGit() {
		return nil, unreadable("the workspace is not inside a git repository; pass --workspace")
	}
	repo, err := git.Open(ws.CheckoutRoot)
	if err != nil {
		return nil, unreadable(err.Error())
	}
	var commits []*git.Commit
	if isRange {
		commits, err = auditRange(env, repo, from, to)
	} else {
		var h git.Hash
		if h, err = repo.Resolve(to0(target)); err == nil {
			var c *git.Commit
			if c, err = repo.Commit(h); err == nil {
				commits = []*git.Commit{c}
			}
		}
	}
	if err != nil {
		if errors.Is(err, gitref.ErrNoCommits) {
			return nil, unreadable("the repository has no commits yet")
		}
		revs := []string{to0(target)}
		if isRange {
			revs = []string{from, to}
		}
		if perr := pastRootError(repo, target, revs...); perr != nil {
			return nil, perr
		}
		return nil, unreadable(err.Error())
	}
	findings, err := auditCommits(ctx, repo, commits, audit.Options{DocsOK: a.DocsOK})
	if err != nil {
		return nil, err
	}
	return auditResult(env, a, target, isRange, findings), nil
}

// to0 is a single ref, HEAD when empty.
func to0(ref string) string {
	if strings.TrimSpace(ref) == "" {
		return "HEAD"
	}
	return ref
}

// pastRootError explains a ref of target that steps back past the first
// commit (HEAD~33 in a history of 5), or returns nil.
func pastRootError(repo *git.Repo, target string, revs ...string) error {
	for _, rev := range revs {
		if _, err := repo.Resolve(rev); err == nil {
			continue
		}
		if base, depth, ok := repo.PastRoot(rev); ok {
			return &call.UsageError{
				Msg:   fmt.Sprintf("cannot read '%s': %s is past the first commit; the history of %s has %d commit(s)", target, rev, base, depth),
				Hints: []string{fmt.Sprintf("%s~%d is the first commit", base, depth-1)},
			}
		}
	}
	return nil
}

// auditRange resolves both ends of A..B first, then walks it.
func auditRange(env *call.Env, repo *git.Repo, from, to string) ([]*git.Commit, error) {
	fh, err := repo.Resolve(from)
	if err != nil {
		return nil, err
	}
	th, err := repo.Resolve(to)
	if err != nil {
		return nil, err
	}
	cs, err := repo.CommitsBetween(fh, th, auditRangeCap+1)
	if err != nil {
		return nil, err
	}
	if len(cs) > auditRangeCap {
		env.Warn(fmt.Sprintf("commit-audit: the range holds more than %d commits; auditing the newest %d", auditRangeCap, auditRangeCap))
		cs = cs[:auditRangeCap]
	}
	return cs, nil
}

// auditCommits gathers each commit's evidence and audits it.
func auditCommits(ctx context.Context, repo *git.Repo, commits []*git.Commit, o audit.Options) ([]audit.Finding, error) {
	hs := make([]git.Hash, len(commits))
	for i, c := range commits {
		hs[i] = c.Hash
	}
	short, err := repo.ShortHashes(hs)
	if err != nil {
		return nil, fmt.Errorf("abbreviate hashes: %w", err)
	}
	isTest := func(p string) bool { return audit.ClassifyPath(p).Has(audit.Test) }
	out := make([]audit.Finding, 0, len(commits))
	for _, c := range commits {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		st, err := repo.DiffStat(c, isTest)
		if err != nil {
			return nil, fmt.Errorf("read the diff of %s: %w", short[c.Hash], err)
		}
		out = append(out, audit.Audit(audit.Commit{
			SHA: short[c.Hash], Subject: git.Subject(c), Files: st.Paths, TestLineDelta: st.TestLineDelta,
		}, o))
	}
	return out, nil
}

// AuditFinding is one audited commit in --json and MCP output.
type AuditFinding struct {
	SHA         string   `json:"sha"`
	Subject     string   `json:"subject"`
	Verdict     string   `json:"verdict"`
	ClaimKind   string   `json:"claim_kind"`
	Witness     string   `json:"witness"`
	Reason      string   `json:"reason"`
	SourceFiles []string `json:"source_files"`
	TestFiles   []string `json:"test_files"`
	CIFiles     []string `json:"ci_files"`
	DataFiles   []string `json:"data_files"`
}

// AuditSweep is the --sweep summary in --json and MCP output.
type AuditSweep struct {
	Commits         int                    `json:"commits"`
	Checkable       int                    `json:"checkable"`
	Abstained       int                    `json:"abstained"`
	Witnessed       int                    `json:"witnessed"`
	Unwitnessed     int                    `json:"unwitnessed"`
	DriftRate       float64                `json:"drift_rate"`
	ByKind          map[string]audit.Tally `json:"by_kind"`
	UnwitnessedSHAs []string               `json:"unwitnessed_shas"`
}

// auditResult renders findings as lines (or the sweep block) and picks the
// verdict: UNWITNESSED when any commit is (WARNED under --warn-only),
// CLEAN otherwise.
func auditResult(env *call.Env, a *CommitAuditArgs, target string, isRange bool, fs []audit.Finding) *call.Reply[AuditReport] {
	sum := audit.Summarize(fs)
	res := &call.Reply[AuditReport]{Verdict: Clean}
	if sum.Unwitnessed > 0 {
		res.Verdict = Unwitnessed
		if a.WarnOnly {
			res.Verdict = Warned
		} else {
			env.Warn(fmt.Sprintf("\ncommit-audit: %d/%d commit(s) make a claim their diff does not witness.", sum.Unwitnessed, sum.Commits))
		}
	}
	switch {
	case len(fs) == 1 && !isRange:
		res.Interpretation = fs[0].Interpretation()
	case len(fs) == 0:
		res.Interpretation = fmt.Sprintf("NO CHECKABLE CLAIM — %s holds no commits; nothing was checked.", target)
	default:
		res.Interpretation = sum.Interpretation()
	}
	if a.Sweep != "" {
		byKind := map[string]audit.Tally{}
		for k, t := range sum.ByKind {
			byKind[k.String()] = t
		}
		res.Text = sum.Block(target)
		res.Body.Sweep = &AuditSweep{
			Commits: sum.Commits, Checkable: sum.Checkable, Abstained: sum.Abstained,
			Witnessed: sum.Witnessed, Unwitnessed: sum.Unwitnessed, DriftRate: sum.DriftRate,
			ByKind: byKind, UnwitnessedSHAs: sum.UnwitnessedSHAs,
		}
		return res
	}
	lines := make([]string, 0, len(fs))
	rows := make([]AuditFinding, 0, len(fs))
	for _, f := range fs {
		lines = append(lines, f.Line())
		rows = append(rows, AuditFinding{
			SHA: f.SHA, Subject: f.Subject, Verdict: f.Verdict.String(), ClaimKind: f.Claim.Kind.String(),
			Witness: f.Witness.String(), Reason: f.Reason, SourceFiles: f.SourceFiles,
			TestFiles: f.TestFiles, CIFiles: f.CIFiles, DataFiles: f.DataFiles,
		})
	}
	res.Text = strings.Join(lines, "\n")
	if len(fs) == 0 {
		res.Text = fmt.Sprintf("commit-audit: no commits in %s (nothing to check)", target)
	}
	res.Body.Findings = rows
	return res
}

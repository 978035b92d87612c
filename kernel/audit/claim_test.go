package audit

import (
	"slices"
	"testing"
)

// Spec verify-and-config §6, "Claim kind": the rules run in order and the
// first match decides.
func TestReadSubjectKinds(t *testing.T) {
	tests := []struct {
		subject string
		want    ClaimKind
	}{
		// rule 1: housekeeping words and phrases abstain, even after a verb.
		{"wip", ClaimNone},
		{"WIP: parser", ClaimNone},
		{"misc fixes", ClaimNone},
		{"cleanup the cache", ClaimNone},
		{"chore: bump deps", ClaimNone},
		{"bump go-git to 5.19", ClaimNone},
		{"add version flag", ClaimNone},
		{"release 1.2.0", ClaimNone},
		{"Merge branch 'main' into topic", ClaimNone},
		{"Revert \"fix parser\"", ClaimNone},
		{"fix format of dates", ClaimNone},
		{"lint", ClaimNone},
		{"fix whitespace", ClaimNone},
		{"style: gofmt", ClaimNone},
		{"nit", ClaimNone},
		{"fix nits", ClaimNone},
		{"address review comments", ClaimNone},
		{"apply review feedback on lease", ClaimNone},
		{"rename variable in parser", ClaimNone},
		{"fix(pre-release): retries", ClaimNone}, // "release" is a whole word after the hyphen
		// words inside other words do not count.
		{"fix the restyled header", ClaimCodeEffect},
		{"add nitrogen support", ClaimCodeEffect},
		// rule 3: doc markers leading, doc-shaped heads, doc scopes.
		{"docs: explain leases", ClaimDoc},
		{"doc: fix the example", ClaimDoc},
		{"Documentation for verify", ClaimDoc},
		{"README: add badges", ClaimDoc},
		{"comment the parser", ClaimDoc},
		{"comments on retry", ClaimDoc},
		{"typo", ClaimDoc},
		{"changelog: 1.2", ClaimDoc},
		{"wording in help", ClaimDoc},
		{"rephrase the errors", ClaimDoc},
		{"clarify lease ttl", ClaimDoc},
		{"README.md: fix the link", ClaimDoc},
		{"guide.rst: add a section", ClaimDoc},
		{"notes.txt: add", ClaimDoc},
		{"manual.adoc: add", ClaimDoc},
		{"todo.org: fix", ClaimDoc},
		{"docs/verify.md: fix link", ClaimDoc},
		{"doc/intro: fix link", ClaimDoc},
		{"CLAUDE.md: add a rule", ClaimDoc},
		{"claude: add a rule", ClaimDoc},
		{"LICENSE: fix year", ClaimDoc},
		{"contributing: fix setup", ClaimDoc},
		{"authors: add me", ClaimDoc},
		{"NOTICE: add attribution", ClaimDoc},
		{"feat(docs): add tests page", ClaimDoc},
		{"fix(readme): add test badge", ClaimDoc},
		{"feat(changelog): implement", ClaimDoc},
		{"feat(doc): implement", ClaimDoc},
		// rule 4: pass phrases, test leads, early test words.
		{"make tests pass", ClaimTest},
		{"test pass on windows", ClaimTest},
		{"get the tests green", ClaimTest},
		{"run all tests in ci", ClaimTest},
		{"passing tests for lease", ClaimTest},
		{"keep tests passing", ClaimTest},
		{"green build again", ClaimTest},
		{"fix the test", ClaimTest},
		{"fix failing test in lease", ClaimTest},
		{"fix the failing test in lease", ClaimTest},
		{"fixes the test", ClaimTest},
		{"test: lease expiry", ClaimTest},
		{"tests for the parser", ClaimTest},
		{"testing the parser", ClaimTest},
		{"unit tests for the parser", ClaimTest},
		{"coverage for lease", ClaimTest},
		{"assertion on expiry", ClaimTest},
		{"assertions on expiry", ClaimTest},
		{"spec the parser", ClaimTest},
		{"specs: lease", ClaimTest},
		{"lease: test expiry", ClaimTest},
		{"add tests for lease", ClaimTest},
		{"add specs", ClaimTest},
		{"improve coverage", ClaimTest},
		{"add unit testing", ClaimTest},
		{"improve parser test", ClaimTest},
		// a test word followed by results/output/... is a noun, not a claim.
		{"add test results page", ClaimCodeEffect},
		{"add test output parsing", ClaimCodeEffect},
		{"add test report", ClaimCodeEffect},
		{"fix tests log parsing", ClaimCodeEffect},
		{"add test data loader", ClaimCodeEffect},
		{"add spec outputs", ClaimCodeEffect},
		// only the first three window words count.
		{"fix the lease parser test", ClaimCodeEffect},
		// rule 5: doc leads in the remainder, doc file names, doc words.
		{"lease: docs for ttl", ClaimDoc},
		{"lease: typo", ClaimDoc},
		{"update README.md", ClaimDoc},
		{"fix link in `docs/verify.md`.", ClaimDoc},
		{"fix the readme", ClaimDoc},
		{"add documentation", ClaimDoc},
		{"add a changelog entry", ClaimDoc},
		{"add a guide", ClaimDoc},
		{"add guides", ClaimDoc},
		{"add guideline", ClaimDoc},
		{"add guidelines", ClaimDoc},
		{"add tutorial", ClaimDoc},
		{"add tutorials", ClaimDoc},
		{"add faq", ClaimDoc},
		{"add glossary", ClaimDoc},
		{"add docstring", ClaimDoc},
		{"add docstrings", ClaimDoc},
		{"add a table of contents", ClaimDoc},
		// requirements lists are data, not prose.
		{"fix requirements.txt", ClaimCodeEffect},
		{"fix constraints-dev.txt", ClaimCodeEffect},
		// rule 6: code-effect leads.
		{"fix retry loop", ClaimCodeEffect},
		{"fixes retry loop", ClaimCodeEffect},
		{"fixed retry loop", ClaimCodeEffect},
		{"add retry", ClaimCodeEffect},
		{"adds retry", ClaimCodeEffect},
		{"added retry", ClaimCodeEffect},
		{"implement the caching layer", ClaimCodeEffect},
		{"implements caching", ClaimCodeEffect},
		{"implemented caching", ClaimCodeEffect},
		{"remove dead code", ClaimCodeEffect},
		{"removes dead code", ClaimCodeEffect},
		{"removed dead code", ClaimCodeEffect},
		{"delete dead code", ClaimCodeEffect},
		{"optimize the walk", ClaimCodeEffect},
		{"optimise the walk", ClaimCodeEffect},
		{"refactor the walk", ClaimCodeEffect},
		{"rename the walk", ClaimCodeEffect},
		{"move the walk", ClaimCodeEffect},
		{"support worktrees", ClaimCodeEffect},
		{"handle empty trees", ClaimCodeEffect},
		{"resolve the race", ClaimCodeEffect},
		{"resolves the race", ClaimCodeEffect},
		{"patch the race", ClaimCodeEffect},
		{"correct the ttl", ClaimCodeEffect},
		{"introduce leases", ClaimCodeEffect},
		{"enable caching", ClaimCodeEffect},
		{"disable caching", ClaimCodeEffect},
		{"drop python 3.8", ClaimCodeEffect},
		{"migrate to go-git", ClaimCodeEffect},
		{"upgrade cobra", ClaimCodeEffect},
		{"downgrade cobra", ClaimCodeEffect},
		{"wire the hook", ClaimCodeEffect},
		{"hook into stop", ClaimCodeEffect},
		{"fix(api): retries", ClaimCodeEffect},
		{"lease: fix expiry", ClaimCodeEffect},
		{"Fix!: drop retries", ClaimCodeEffect},
		{"ci: add lint job", ClaimNone}, // lint abstains
		{"ci: add a go job", ClaimCodeEffect},
		// nothing recognisable.
		{"", ClaimNone},
		{"init: empty", ClaimNone},
		{"update lease", ClaimNone},
		{"lease improvements", ClaimNone},
		{"feat: leases", ClaimNone},
		// a head of 30 or more characters, or with a space, is no head.
		{"fix the thing that broke: now good", ClaimCodeEffect},
		{"averyveryverylongheadthatislong: fix", ClaimNone},
	}
	for _, tt := range tests {
		t.Run(tt.subject, func(t *testing.T) {
			c := ReadSubject(tt.subject)
			if c.Kind != tt.want {
				t.Errorf("ReadSubject(%q).Kind = %s, want %s (claim %+v)", tt.subject, c.Kind, tt.want, c)
			}
		})
	}
}

func TestReadSubjectFields(t *testing.T) {
	tests := []struct {
		subject        string
		leads          []string
		head, scope    string
		pass, move, ci bool
		housekeeping   string
	}{
		{subject: "fix retry", leads: []string{"fix"}},
		{subject: "feat(api): add retry", leads: []string{"feat", "add"}, head: "feat(api)", scope: "api"},
		{subject: "ci: wire the job", leads: []string{"ci", "wire"}, head: "ci", ci: true},
		{subject: "build(ci)!: add job", leads: []string{"build", "add"}, head: "build(ci)!", scope: "ci", ci: true},
		{subject: "rename tests so all tests pass", leads: []string{"rename"}, pass: true, move: true},
		{subject: "tests: moved helpers", leads: []string{"tests", "moved"}, head: "tests", move: true},
		{subject: "chore: tidy", leads: []string{"chore", "tidy"}, head: "chore", housekeeping: "chore"},
		{subject: "please address review", leads: []string{"please"}, housekeeping: "address review"},
	}
	for _, tt := range tests {
		c := ReadSubject(tt.subject)
		if !slices.Equal(c.Leads, tt.leads) || c.Head != tt.head || c.Scope != tt.scope ||
			c.PassPhrase != tt.pass || c.MoveLead != tt.move || c.CIScoped != tt.ci || c.Housekeeping != tt.housekeeping {
			t.Errorf("ReadSubject(%q) = %+v, want leads %v head %q scope %q pass %v move %v ci %v housekeeping %q",
				tt.subject, c, tt.leads, tt.head, tt.scope, tt.pass, tt.move, tt.ci, tt.housekeeping)
		}
	}
}

func TestClaimKindString(t *testing.T) {
	want := map[ClaimKind]string{ClaimNone: "none", ClaimDoc: "doc", ClaimTest: "test", ClaimCodeEffect: "code_effect"}
	for k, s := range want {
		if k.String() != s {
			t.Errorf("%d.String() = %q, want %q", int(k), k.String(), s)
		}
	}
	if len(ClaimKinds) != len(want) {
		t.Errorf("ClaimKinds has %d kinds, want %d", len(ClaimKinds), len(want))
	}
}

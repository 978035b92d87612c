package audit

import "sync"

// wordSet is a lookup set built at its first use, not at start-up: every
// dos process links this package, few read its tables.
type wordSet struct {
	once  sync.Once
	words []string
	m     map[string]bool
}

// get returns the set, building it the first time.
func (w *wordSet) get() map[string]bool {
	w.once.Do(func() { w.m = set(w.words...) })
	return w.m
}

// set builds a lookup set from words.
func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// abstainWords are housekeeping words: a subject holding any of them as a
// whole word makes no checkable claim.
var abstainWords = &wordSet{words: []string{"wip", "misc", "cleanup", "chore", "bump", "version", "release",
	"merge", "revert", "format", "lint", "whitespace", "style", "nit", "nits"}}

// abstainPhrases are housekeeping phrases, matched as word sequences.
var abstainPhrases = [][]string{
	{"address", "review"}, {"review", "feedback"}, {"rename", "variable"},
}

// docMarkers are lead words that announce a documentation change.
var docMarkers = &wordSet{words: []string{"doc", "docs", "documentation", "readme", "comment", "comments",
	"typo", "changelog", "wording", "rephrase", "clarify"}}

// docScopes are conventional-commit scopes that announce a doc change.
var docScopes = &wordSet{words: []string{"doc", "docs", "readme", "changelog"}}

// docHeadBasenames are head basenames that name a documentation file.
var docHeadBasenames = &wordSet{words: []string{"readme", "claude.md", "claude", "license", "contributing",
	"changelog", "authors", "notice"}}

// docSuffixes are the file suffixes of prose.
var docSuffixes = []string{".md", ".rst", ".txt", ".adoc", ".org"}

// passPhrases claim that tests pass, matched as word sequences.
var passPhrases = [][]string{
	{"tests", "pass"}, {"test", "pass"}, {"tests", "green"}, {"all", "tests"},
	{"passing", "tests"}, {"tests", "passing"}, {"green", "build"},
	{"fix", "the", "test"}, {"fix", "failing", "test"}, {"fix", "the", "failing", "test"},
	{"fixes", "the", "test"},
}

// testLeads are lead words (or two-word leads) that claim a test change.
var testLeads = &wordSet{words: []string{"test", "tests", "testing", "unit test", "unit tests", "coverage",
	"assertion", "assertions", "spec", "specs"}}

// testWindowWords claim a test change when among the first three words.
var testWindowWords = &wordSet{words: []string{"test", "tests", "testing", "spec", "specs", "coverage"}}

// testFollowers turn a test word into a noun about something else ("test
// results"), which is no test claim.
var testFollowers = &wordSet{words: []string{"result", "results", "output", "outputs", "report", "reports",
	"data", "log", "logs"}}

// docWindowWords claim a doc change anywhere in the window.
var docWindowWords = &wordSet{words: []string{"docs", "documentation", "readme", "changelog", "guide", "guides",
	"guideline", "guidelines", "tutorial", "tutorials", "faq", "glossary", "docstring",
	"docstrings"}}

// docPhrases claim a doc change anywhere in the subject.
var docPhrases = [][]string{{"table", "of", "contents"}}

// codeEffectLeads are verbs that claim the code now behaves differently.
var codeEffectLeads = &wordSet{words: []string{"fix", "fixes", "fixed", "add", "adds", "added", "implement",
	"implements", "implemented", "remove", "removes", "removed", "delete", "optimize",
	"optimise", "refactor", "rename", "move", "support", "handle", "resolve", "resolves",
	"patch", "correct", "introduce", "enable", "disable", "drop", "migrate", "upgrade",
	"downgrade", "wire", "hook"}}

// moveLeads mark a rename or move: deleting test lines there is relocation,
// not deleting assertions.
var moveLeads = &wordSet{words: []string{"rename", "renames", "renamed", "move", "moves", "moved"}}

// windowSize is how many words of the subject body the window holds.
const windowSize = 8

// headMax bounds a conventional head ("feat(api)"): it is shorter than this
// many characters and has no space.
const headMax = 30

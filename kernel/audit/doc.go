// Package audit decides whether a commit's subject makes a claim its own
// diff cannot witness.
//
// A subject such as "fix the retry loop" claims a code effect; a commit that
// only touched README.md does not show one. The package reads the subject
// into a [Claim] (what kind of change it says happened), sorts the touched
// paths into [Class] sets (source, test, ci, data, doc, media), and answers
// a [Finding]: OK when the diff does the kind of thing claimed,
// CLAIM_UNWITNESSED when it does not, ABSTAIN when the subject claims
// nothing checkable. [Summarize] folds many findings into a sweep.
//
// The check is about kind, never about correctness: a witnessed "fix" may
// still be wrong. It is plan-free and author-neutral.
//
// Inputs are values (a subject, a list of paths, a line delta); the package
// never reads files, git, the clock or the environment.
package audit

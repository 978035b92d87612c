// Package oracle decides whether a unit of work (a plan and a phase)
// shipped, from evidence the agent did not author.
//
// The decision runs in a fixed order. First the run registry: a row marked
// done counts only when its commit exists and is reachable from the
// verified ref; a row without a commit is the run's own word and is never
// evidence. Then the commit subjects, through the stamp grammar (package
// stamp), strongest pass first and newest commit first within a pass. Each
// candidate stamp must survive three checks before it ships the phase: no
// revert of it still stands in the verified history (a revert that was
// itself reverted does not count; see revert.go for chains), its diff is not empty
// (an empty commit is the cheapest lie), and it does not touch only
// release or ledger files. A candidate that fails is skipped and an older
// one tried; if none survives the verdict is NOT_SHIPPED and names the rule
// that demoted the newest candidate.
//
// The package reads no files and runs no git: evidence arrives through the
// [History] interface, which witness-backed and in-memory implementations
// satisfy alike.
package oracle

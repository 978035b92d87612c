package workspace

import "slices"

// recognised are the top-level dos.toml tables of the reference's schema
// that no verb of this version reads. dos accepts them without a warning
// and without looking inside (their keys are checked when the verb that
// reads them lands, together with its loader), and lint names them as info,
// apart from a top-level name dos does not know at all (a typo), which it
// flags. Sorted; a name moves from here to [loaders] when a verb starts to
// read it.
var recognised = []string{
	"breaker",      // runs: documented, read by nothing in the reference
	"ci",           // verify: handed to a non-git oracle; this build has none
	"completion",   // documented by the reference, read by nothing there
	"cooldown",     // dispatch: retry windows
	"data_class",   // retention: which paths are trajectories, audits, product
	"efficiency",   // runs: documented, read by nothing in the reference
	"enumerate",    // plan: how phases are harvested
	"env",          // documented by the reference ("tools"), read by nothing there
	"improve",      // runs: documented, read by nothing in the reference
	"intervention", // refusal: rungs added to the built-in ladder
	"lifecycle",    // plan: plan classes and transitions
	"noop_streak",  // documented by the reference, read by nothing there
	"precursor",    // hooks: tools that need another tool first
	"productivity", // runs: documented, read by nothing in the reference
	"resume",       // documented by the reference, read by nothing there
	"retention",    // compaction: how much history is kept
	"scope",        // lanes: the scope gate (the reference CLI ignores it)
}

// RecognisedTables lists the top-level tables of dos.toml's schema that
// this version accepts but does not read, sorted.
func RecognisedTables() []string { return slices.Clone(recognised) }

// isRecognised reports whether name is a table of the schema that this
// version does not read.
func isRecognised(name string) bool {
	_, ok := slices.BinarySearch(recognised, name)
	return ok
}

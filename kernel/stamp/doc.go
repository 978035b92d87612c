// Package stamp decides whether a commit message attributes a ship of one
// unit of work: given a plan (series) and a phase, and the workspace's stamp
// convention, it says which evidence rungs a commit subject or body
// satisfies. It reads nothing but its arguments: no git, no files, no clock.
// The verify pipeline walks the history, asks a compiled [Matcher] about each
// commit, and picks the winner with the rules of [Pick].
//
// # Phase spellings
//
// A phase is recognised under several spellings: as typed; with every `'`
// written `prime` (and `prime` written `'`); and, when the phase is
// `Phase N` (N is digits with at most one dotted part), also `<PLAN>N` and
// `<PLAN> N`, while a phase made of the plan's letters and a number
// (`AUTH16` for plan `AUTH`) is also spelled `Phase 16` and `Phase16`.
//
// # The boundary
//
// A phase token ends where the next character is not a letter, digit, dot or
// hyphen (or at the end). So `AUTH1` is not `AUTH10`, `AUTH12` is not
// `AUTH12-port` or `AUTH12.1`, but `AUTH12_x`, `AUTH9/AUTH10` and
// `AUTH7, AUTH8` all end `AUTH12`, `AUTH9` and `AUTH7` cleanly. Where a rung
// also needs a left boundary, the previous character follows the same rule.
// The checks are written by hand (RE2 has no look-around).
//
// # Subject rungs, strongest first
//
//   - direct: the subject begins (after any whitespace) with the stamp.
//     Under the generic convention an optional single directory segment
//     (`src/`) may come first, then either `<PLAN>[:] <PHASE>` (at least one
//     whitespace before the phase) or the glued `[<PLAN>]<PHASE>:`, whose
//     boundary is checked after the colon (`AUTH1:x` is no stamp, `AUTH1:`
//     is). The plan is optional in the glued form, so `AUTH1: x` answers
//     `verify ANY AUTH1`, `verify AUTH 1` and, through `AUTH: …`,
//     `verify AUTH AUTH`; this looseness is the reference's and is kept on
//     purpose (the tightenings proposed as Improve items are not adopted). With subject_dirs
//     declared the stamp must be `<dir>/<PLAN>[:] <PHASE>` for a declared dir.
//   - trailer (only with trailer_stamp): the subject ends with
//     `(<PLAN>[:] <PHASE>)`, optionally `refs ` inside the parenthesis, a dir
//     prefix before the plan, and issue references (`, fixes #5`) after the
//     phase. A `<digits…>_<slug>` plan may be written by its head alone
//     (`docs/286` for `docs/286_wheels`) unless that head is ambiguous.
//     Release-style subjects never count here.
//   - release-prefix: the subject opens with `v<d>.<d>.<d>:` or a declared
//     summary-bundle prefix, and the phase appears later with boundaries on
//     both sides. A bare `Phase N` spelling only counts next to the plan
//     (`AUTH Phase 3`, `AUTH: Phase 3`, `AUTH3`, `AUTH 3`).
//   - hyg-slug (only for a plan named by a summary-bundle prefix, `HYG` for
//     `docs/HYG:`): the text after `<dir>/<PLAN>[:] ` contains the phase
//     once both are lowercased and runs of whitespace, `-` and `_` are
//     folded to `_`.
//   - sub-phase-parent (only with sub_phase_parent_fallback, for a phase
//     containing `-`): the part before the first `-` is stamped in the
//     prefixed form and the folded part after it occurs in the subject.
//
// The body-mention rung reads the body of a commit whose first line opens
// with a summary-bundle prefix: any body line mentioning the phase with the
// release-prefix rules counts (see [Matcher.Body]).
//
// # Guards
//
// A bookkeeping subject never ships (except through the slug fallback, as in
// the reference): one starting with a declared bookkeeping prefix, one whose
// first colon-terminated segment ends with the word `snapshot`, and a run
// rollup `[<segment>:] archive|rollup <YYYYMMDD>[T<digits>[Z]]`. A stamp
// followed by whitespace and a progress marker word (`AUTH1 wip`) does not
// count on the direct, release-prefix and sub-phase rungs; any separator
// (`:`, `—`, `-`) or the end of the subject keeps it a ship.
//
// # Text rules
//
// Plan, phase and declared prefixes match with ASCII case folding only (the
// reference folded all of Unicode; no real stamp needs more). Whitespace,
// word characters and digits are the Unicode classes the reference's regular
// expressions used, so a no-break space still separates. A subject is git's
// %s ([SubjectOf]); a leading byte-order mark is ignored, where the
// reference would have failed to see a stamp behind it (the recorded vectors
// do not depend on this: their one BOM subject matches no query). The
// sub-phase fallback looks for the suffix in the subject alone, where the
// reference also searched the abbreviated sha in front of it.
//
// # Index keys
//
// [Matcher.Keys] gives tokens ([Tokens]) of which every matching subject or
// body holds at least one, so a caller may keep an inverted token index and
// only test the commits it returns. The tests check this exhaustively over
// generated subjects and by fuzzing.
package stamp

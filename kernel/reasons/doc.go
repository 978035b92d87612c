// Package reasons is the one registry of refusal reasons: the closed,
// per-workspace set of reason_class tokens a refusal may carry. Each token
// is emittable, refusable and maps to a category an oracle can cross-check.
//
// A [Registry] is the built-ins ([Builtins]) followed by the reasons a
// workspace declares in dos.toml ([reasons.<TOKEN>]); declaring is
// additive, re-declaring a built-in is an error. Morphology rules (the
// substring rung that classifies free-form tokens) are carried beside the
// reasons and never affect which reasons are declared.
//
// Lookup is case-insensitive and ignores surrounding space. An unknown token
// is UNCLASSIFIED and is treated as a refusal, conservatively.
package reasons

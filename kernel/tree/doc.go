// Package tree is the prefix algebra every lane collision check uses: the
// arbiter, the overlap scorer, the self-modify guard and the scope gate all
// ask it whether two path globs may name the same file.
//
// # The algebra
//
// A tree is a list of repository-relative globs ("src/api/**"). Each entry
// is reduced to a literal prefix by [Normalize]: backslashes become slashes,
// surrounding space is trimmed, "./" and "." segments and doubled slashes
// are removed, the text is case-folded, and everything from the first glob
// metacharacter (* ? [ {) on is cut off. Two entries collide when one
// prefix starts with the other ([Collide]); the empty prefix (from "**/*",
// "*.py" or ".") collides with everything. Cutting at the first
// metacharacter can only widen an entry, so the algebra over-refuses but
// never admits two writers onto one file.
//
// ".." segments are resolved lexically ("src/../lib/**" is "lib/"). An
// entry that climbs out of the repository ("../x", "/etc", "C:\x",
// "src/../../x") has no region we can certify: [Confine] reports it as an
// error, so the verbs refuse it as bad input (exit 2), and [Normalize]
// widens it to the empty prefix, the whole repository, for any caller that
// keeps it anyway. Symbolic links need the file system; the workspace
// package resolves them inside the repository before the kernel compares.
//
// # Speed
//
// [Disjoint] and [Set] answer "does p collide with any of these prefixes" in
// O(log n): after sorting and dropping every entry that another entry is a
// prefix of, the only candidates are p's two neighbours in the order (the
// strings that start with q form one contiguous run beginning at q). The
// tests check this against a plain pairwise loop.
//
// # Overlap
//
// [Score] compares two known trees by the share of the requested tree that
// collides with a live one, against a ratio_max policy (0 refuses any
// shared prefix). It is kept for parity with the reference's 1/3 rule.
package tree

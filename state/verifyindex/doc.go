// Package verifyindex is the on-disk token index that makes a warm
// `dos verify` answer in milliseconds on any history, for a hit and for a
// miss alike.
//
// An index describes exactly the commits reachable from one tip commit. It
// holds each commit's hash, committer time and subject (plus the message
// body where the stamp grammar may read it), an inverted index from every
// token of those texts to the commits that contain it, the revert edges
// ("This reverts commit <sha>") and the hashes in sorted order for
// reachability and abbreviation. A query asks for the commits holding any of
// a few tokens; the stamp matcher then re-checks each candidate, so the
// index only has to be a superset filter.
//
// The file lives in the repository's common git directory
// ($(git rev-parse --git-common-dir)/dos/), never in the work tree, and is
// named after its tip. It is written to a temporary file and renamed, so
// concurrent builders are safe; a file that fails its checksum or structure
// checks is ignored and rebuilt. Because an index is keyed by its tip, a
// commit that is not reachable from the verified ref (after a rebase, reset,
// force-push or branch switch) is never read as evidence.
package verifyindex

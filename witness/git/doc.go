// Package git reads objects from a git repository for the verbs that need
// them: the diffs commit-audit judges, the index scope-gate compares with
// HEAD, the subjects doctor checks. It never writes to the repository or
// the work tree, and starts no process.
//
// Objects come through go-git's storage packages (loose objects and
// packs); commits, trees and tags are decoded here, so neither go-git's
// repository package (transports: ssh, http) nor its object package
// (signature checking: openpgp) is linked. Refs come from witness/gitref.
// The verify path uses neither this package nor go-git: see
// witness/gitlog.
package git

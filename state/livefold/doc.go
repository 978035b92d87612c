// Package livefold gathers the lane-journal rungs of liveness for many
// lease identities at once: for each (loop_ts, lane), the progress events
// since its run started and its newest credible heartbeat, folded with
// kernel/liveness's JournalFold so every reader agrees with dos liveness.
//
// The journal is read without the lock and nothing is written to it. Only
// lines that name one of the asked-for lanes (or another needle a caller
// passes) are decoded, in file order. [Records] answers the same queries
// over records already read, such as an etcd fleet's events.
package livefold

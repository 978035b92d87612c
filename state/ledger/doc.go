// Package ledger reads and appends a run's intent ledger,
// <runs>/<run_id>/intent.jsonl, in the format of kernel/ledger.
//
// A run id is checked (kernel/runid) before it becomes a directory name,
// so no id can climb out of the runs directory. Appends are one O_APPEND
// write per call followed by fsync (and an fsync of the directory when the
// file is new); a torn last line (a crash mid-append) is ended with a
// newline before the next record, so it stays its own unreadable line.
// Reading never writes: an unparseable last line is dropped as torn, and
// earlier unparseable lines are counted as corrupt.
package ledger

// Package verdictjournal reads the verdict journal: the JSON Lines record
// of verdicts dos verbs returned (.dos/verdict-journal.jsonl), one object
// per line with syscall, verdict, run_id, lane, subject, ts, seq and a flat
// detail map of the evidence behind the verdict. Lines the reader cannot
// parse are skipped; a missing journal is empty. It never writes.
package verdictjournal

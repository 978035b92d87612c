// Package hookexit maps the exit code of a plain script, used as a host
// hook, to an intervention: PASS, OBSERVE, WARN, BLOCK or DEFER. It parses
// the CODE=VERB map a caller gives and decides; it runs nothing and reads
// no file.
package hookexit

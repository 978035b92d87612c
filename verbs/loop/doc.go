// Package loop holds the verbs that supervise loops over time: the loop
// economics (productivity, efficiency, efficiency-trend, breaker, improve,
// reward, work-account, noop-streak), the watchdog (watch) and the
// supervisor plan (loop). Each handler gathers its evidence (flags, a usage
// record, the lane journal, the clock), asks a kernel decider, and answers
// the verdict; the economics verbs read nothing but their inputs.
package loop

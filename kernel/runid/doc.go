// Package runid mints and reads run ids: "RID-" followed by 9 Crockford
// base32 characters of epoch milliseconds and 6 of 30-bit entropy, so the
// lexical order of ids is their time order. It is pure: the time and the
// entropy come in as values.
package runid

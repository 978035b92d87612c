// Package idalloc hands out never-reused, strictly increasing integers per
// opaque scope string, safe across processes: <dir>/<stem>.id holds the
// last id (decimal text), written by temp file + fsync + rename under an
// flock on <dir>/<stem>.lock.
package idalloc

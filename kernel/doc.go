// Package kernel is the root of dos's pure deciders, one package per
// family: stamp (the stamp grammar), oracle (did it ship?), tree (path
// algebra), admission (may this lane be taken?), lease (the lease fold and
// expiry), reasons (the refusal vocabulary), audit (does a diff witness its
// subject?), lint and plandoc.
//
// Every package under kernel/ takes evidence in and gives a verdict out. It
// reads no file, runs no git or process, and never asks the clock: time is
// a value passed in. The test in this directory enforces that by reading
// the imports and calls of every kernel package.
package kernel

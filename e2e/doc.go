// Package e2e runs the dos binaries against real git repositories through
// testscript scripts in testdata/<area>/.
package e2e

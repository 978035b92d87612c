package main

import (
	"os/exec"
	"strings"
	"testing"
)

// dos reads git objects through go-git's storage packages only: never its
// repository package, whose transports bring ssh and http, nor its object
// package, whose signature checks bring openpgp.
func TestDosLinksNoTransportOrOpenPGP(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not installed")
	}
	out, err := exec.Command(goCmd, "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	deny := []string{"github.com/go-git/go-git/v5", "github.com/go-git/go-git/v5/plumbing/object",
		"net/http", "golang.org/x/crypto/ssh", "github.com/ProtonMail/go-crypto/openpgp",
		// dos mcp runs the dos-mcp binary: the MCP library's start-up cost
		// stays out of every dos call.
		"github.com/mark3labs/mcp-go/server", "github.com/mark3labs/mcp-go/mcp",
		// Output schemas are derived by call/outschema for MCP and tests:
		// jsonschema-go's package init alone was a tenth of a start.
		"github.com/google/jsonschema-go/jsonschema"}
	for _, dep := range strings.Fields(string(out)) {
		for _, d := range deny {
			if dep == d {
				t.Errorf("dos links %s", dep)
			}
		}
	}
}

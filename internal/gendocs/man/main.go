// Command man writes a man page for dos and each of its verbs, generated
// from the registry through the CLI's own command tree:
//
//	go run ./internal/gendocs/man [-dir DIR]
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"regexp"
	"strings"

	"github.com/spf13/cobra"

	"github.com/spf13/cobra/doc"

	"github.com/dispatchos/dos/call"
	"github.com/dispatchos/dos/internal/version"
	"github.com/dispatchos/dos/surface/cli"
	"github.com/dispatchos/dos/verbs"
)

func main() {
	dir := flag.String("dir", "man1", "where to write the pages")
	flag.Parse()
	log.SetFlags(0)
	if err := write(*dir); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote the man pages to %s\n", *dir)
}

// argName turns "<plan>" into "PLAN": the man page renderer reads angle
// brackets as markup.
var argName = regexp.MustCompile(`<([a-z-]+)>`)

// write generates one page per command into dir.
func write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root := cli.NewRoot(&call.Env{Registry: verbs.All()}, cli.IO{})
	root.DisableAutoGenTag = true
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.Use = argName.ReplaceAllStringFunc(c.Use, func(m string) string { return strings.ToUpper(m[1 : len(m)-1]) })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	hdr := &doc.GenManHeader{Title: "DOS", Section: "1", Source: "dos " + version.Version, Manual: "dos manual"}
	return doc.GenManTree(root, hdr, dir)
}

// Package plandocs finds plan documents in a workspace by a glob such as
// "docs/**/*-plan.md" and reads them.
package plandocs

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Doc is one plan document.
type Doc struct {
	// Rel is the path relative to the root, with / separators.
	Rel  string
	Text string
}

// skipDirs are never searched.
var skipDirs = map[string]bool{".git": true, ".dos": true, "node_modules": true, "vendor": true}

// Find returns the regular files under root matching glob, sorted by path.
// In the glob, ** spans any number of directories, * and ? stay inside one.
func Find(root, glob string) ([]Doc, error) {
	re, err := Compile(glob)
	if err != nil {
		return nil, err
	}
	var out []Doc
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable corners are skipped
		}
		if d.IsDir() {
			if p != root && skipDirs[d.Name()] {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if !d.Type().IsRegular() || !re.MatchString(rel) {
			return nil
		}
		b, rerr := os.ReadFile(p)
		if rerr != nil {
			return nil
		}
		out = append(out, Doc{Rel: rel, Text: strings.ToValidUTF8(string(b), "\uFFFD")})
		return nil
	})
	slices.SortFunc(out, func(a, b Doc) int { return strings.Compare(a.Rel, b.Rel) })
	return out, err
}

// Compile turns a glob into an anchored regular expression.
func Compile(glob string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(glob); i++ {
		c := glob[i]
		switch {
		case strings.HasPrefix(glob[i:], "**/"):
			b.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(glob[i:], "**"):
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	return regexp.Compile(b.String())
}

package audit

import (
	"path"
	"strings"
)

// Class is a set of file classes; a path may be in several (a Go test file
// is both Source and Test).
type Class uint8

// The file classes.
const (
	// Source is code: a program, script, build file or infrastructure.
	Source Class = 1 << iota
	// Test is a file under a test folder or named like a test.
	Test
	// CI is a CI pipeline definition.
	CI
	// Doc is prose: .md, .rst, .txt, .adoc, .org.
	Doc
	// Media is an image, audio, video, font, archive or compiled binary.
	Media
	// Data is everything else: lockfiles, configs, tables.
	Data
)

// Has reports whether c includes every class in o.
func (c Class) Has(o Class) bool { return c&o == o }

// sourceSuffixes are the suffixes of code.
var sourceSuffixes = &wordSet{words: []string{
	".py", ".pyi", ".pyx", ".go", ".rs", ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs",
	".java", ".kt", ".kts", ".scala", ".groovy", ".gradle", ".clj", ".cljs", ".cljc",
	".c", ".h", ".cc", ".cpp", ".cxx", ".hpp", ".hh", ".hxx", ".m", ".mm", ".cs", ".fs", ".fsx", ".vb",
	".swift", ".rb", ".rake", ".php", ".pl", ".pm", ".lua", ".r", ".jl", ".dart", ".ex", ".exs",
	".erl", ".hrl", ".hs", ".elm", ".ml", ".mli", ".nim", ".zig", ".v", ".sv", ".vhd", ".d",
	".f90", ".f", ".pas", ".sol", ".cu", ".cl", ".asm", ".s",
	".vue", ".svelte", ".astro", ".html", ".htm", ".css", ".scss", ".sass", ".less",
	".jinja", ".j2", ".tmpl", ".tpl", ".mustache", ".hbs", ".erb",
	".sh", ".bash", ".zsh", ".fish", ".ps1", ".psm1", ".bat", ".cmd",
	".sql", ".tf", ".hcl", ".nix", ".proto", ".thrift", ".graphql", ".gql",
	".mk", ".cmake", ".bzl", ".star", ".awk", ".sed", ".vim", ".el", ".ipynb",
}}

// mediaSuffixes are binary or media files: never source, doc or data.
var mediaSuffixes = &wordSet{words: []string{
	".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".webp", ".tif", ".tiff", ".svg", ".psd",
	".pdf", ".mp3", ".mp4", ".wav", ".ogg", ".flac", ".mov", ".avi", ".mkv", ".webm",
	".ttf", ".otf", ".woff", ".woff2", ".eot",
	".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".tar", ".jar", ".war", ".whl",
	".exe", ".dll", ".so", ".dylib", ".a", ".o", ".obj", ".class", ".pyc", ".pyo", ".wasm", ".bin",
}}

// sourceBasenames are build files without a suffix worth reading.
var sourceBasenames = &wordSet{words: []string{"skill.md", "makefile", "dockerfile", "rakefile", "gemfile", "procfile"}}

// testSegments are folder names that hold tests.
var testSegments = &wordSet{words: []string{"test", "tests", "spec", "specs", "__tests__"}}

// ciFiles are CI definitions at fixed paths.
var ciFiles = &wordSet{words: []string{".gitlab-ci.yml", ".travis.yml", "azure-pipelines.yml", "appveyor.yml",
	".appveyor.yml", ".circleci/config.yml", "bitbucket-pipelines.yml"}}

// ClassifyPath returns the classes of a repository path (slash-separated,
// relative to the repository root). Matching ignores case.
func ClassifyPath(p string) Class {
	p = strings.TrimPrefix(strings.ToLower(p), "./")
	base := path.Base(p)
	ext := suffix(base)
	var c Class
	switch {
	case sourceBasenames.get()[base], sourceSuffixes.get()[ext]:
		c |= Source
	case ext == "": // extensionless, or a bare dotfile such as .gitignore
		c |= Source
	case isDocName(base):
		c |= Doc
	case mediaSuffixes.get()[ext]:
		c |= Media
	default:
		c |= Data
	}
	if isTestPath(p, base) {
		c |= Test
	}
	if isCIPath(p) {
		c |= CI
	}
	return c
}

// suffix returns the extension of a basename, "" when it has none or is a
// bare dotfile.
func suffix(base string) string {
	i := strings.LastIndexByte(base, '.')
	if i <= 0 {
		return ""
	}
	return base[i:]
}

// isDocName reports a prose file name; requirements and constraints lists
// are data even though they end in .txt.
func isDocName(base string) bool {
	return hasDocSuffix(base) && !isRequirementsFile(base)
}

func hasDocSuffix(s string) bool {
	for _, sfx := range docSuffixes {
		if strings.HasSuffix(s, sfx) && len(s) > len(sfx) {
			return true
		}
	}
	return false
}

func isRequirementsFile(base string) bool {
	return strings.HasSuffix(base, ".txt") &&
		(strings.HasPrefix(base, "requirements") || strings.HasPrefix(base, "constraints"))
}

func isTestPath(p, base string) bool {
	segs := strings.Split(p, "/")
	for _, s := range segs[:len(segs)-1] {
		if testSegments.get()[s] {
			return true
		}
	}
	if strings.HasPrefix(base, "test_") {
		return true
	}
	stem := base
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		stem = base[:i]
	} else {
		return false
	}
	return strings.HasSuffix(stem, "_test") || strings.Contains(base, ".test.") || strings.Contains(base, ".spec.")
}

func isCIPath(p string) bool {
	if ciFiles.get()[p] {
		return true
	}
	if rest, ok := strings.CutPrefix(p, ".github/workflows/"); ok {
		return strings.HasSuffix(rest, ".yml") || strings.HasSuffix(rest, ".yaml")
	}
	return false
}

package audit

import (
	"fmt"
	"strings"
)

// Verdict is the answer for one commit.
type Verdict int

// The verdicts.
const (
	// Abstain: the subject makes no checkable claim.
	Abstain Verdict = iota
	// OK: the diff does the kind of thing the subject claims.
	OK
	// Unwitnessed: the subject claims something the diff does not show.
	Unwitnessed
)

// String returns the verdict word.
func (v Verdict) String() string {
	switch v {
	case OK:
		return "OK"
	case Unwitnessed:
		return "CLAIM_UNWITNESSED"
	}
	return "ABSTAIN"
}

// Witness names what backs a verdict.
type Witness int

// The witness labels.
const (
	// WitnessAbstain backs an abstention: nothing was checked.
	WitnessAbstain Witness = iota
	// WitnessDiff: files of the claimed kind are in the diff.
	WitnessDiff
	// WitnessData: a data or config file is in the diff, which can carry a
	// code effect (a lockfile bump, a config switch).
	WitnessData
	// WitnessSubjectOnly: only the subject speaks for the claim.
	WitnessSubjectOnly
)

// String returns the witness label.
func (w Witness) String() string {
	switch w {
	case WitnessDiff:
		return "diff-witnessed"
	case WitnessData:
		return "data-witnessed"
	case WitnessSubjectOnly:
		return "subject-only"
	}
	return "abstain"
}

// Commit is the evidence for one commit.
type Commit struct {
	// SHA is the commit id as it should be shown (usually abbreviated).
	SHA string
	// Subject is the first line of the message.
	Subject string
	// Files are the touched paths, each once; a rename is its old and new
	// path, a binary file is listed like any other.
	Files []string
	// TestLineDelta is lines added minus lines deleted, summed over the
	// text files among Files that are test paths.
	TestLineDelta int
}

// Finding is the audit of one commit.
type Finding struct {
	SHA     string
	Subject string
	Claim   Claim
	Verdict Verdict
	Witness Witness
	// Reason says why, for a person.
	Reason string
	// The touched files by class, in the commit's order. A file may be in
	// more than one list.
	SourceFiles, TestFiles, CIFiles, DataFiles []string
	// DocFiles are the prose files touched.
	DocFiles []string
}

// Options change the audit.
type Options struct {
	// DocsOK accepts a doc-only diff as witness of a code-effect claim.
	DocsOK bool
}

// maxListed is how many files an unwitnessed reason names.
const maxListed = 4

// Audit decides whether c's diff witnesses the claim in its subject.
func Audit(c Commit, o Options) Finding {
	f := Finding{SHA: c.SHA, Subject: c.Subject, Claim: ReadSubject(c.Subject)}
	f.SourceFiles, f.TestFiles, f.CIFiles, f.DataFiles, f.DocFiles = []string{}, []string{}, []string{}, []string{}, []string{}
	for _, p := range c.Files {
		cl := ClassifyPath(p)
		if cl.Has(Source) {
			f.SourceFiles = append(f.SourceFiles, p)
		}
		if cl.Has(Test) {
			f.TestFiles = append(f.TestFiles, p)
		}
		if cl.Has(CI) {
			f.CIFiles = append(f.CIFiles, p)
		}
		if cl.Has(Data) {
			f.DataFiles = append(f.DataFiles, p)
		}
		if cl.Has(Doc) {
			f.DocFiles = append(f.DocFiles, p)
		}
	}
	switch f.Claim.Kind {
	case ClaimDoc:
		auditDoc(&f, c)
	case ClaimTest:
		auditTest(&f, c)
	case ClaimCodeEffect:
		auditCode(&f, c, o)
	default:
		f.Verdict, f.Witness = Abstain, WitnessAbstain
		if f.Claim.Housekeeping != "" {
			f.Reason = fmt.Sprintf("no checkable claim: %q marks housekeeping", f.Claim.Housekeeping)
		} else {
			f.Reason = "no checkable claim: the subject leads with no code, test or doc verb"
		}
	}
	return f
}

const emptyCommit = "the commit is EMPTY (touched no files)"

func (f *Finding) ok(w Witness, format string, a ...any) {
	f.Verdict, f.Witness, f.Reason = OK, w, fmt.Sprintf(format, a...)
}

func (f *Finding) unwitnessed(format string, a ...any) {
	f.Verdict, f.Witness, f.Reason = Unwitnessed, WitnessSubjectOnly, fmt.Sprintf(format, a...)
}

func auditDoc(f *Finding, c Commit) {
	if len(c.Files) == 0 {
		f.unwitnessed("doc claim but %s", emptyCommit)
		return
	}
	f.ok(WitnessDiff, "doc claim; the diff touches %s", count(len(c.Files), "file"))
}

func auditTest(f *Finding, c Commit) {
	switch {
	case len(c.Files) == 0:
		f.unwitnessed("test claim but %s", emptyCommit)
	case len(f.TestFiles) == 0:
		f.unwitnessed("test claim but no test file was touched (touched %s)", listFiles(c.Files))
	case c.TestLineDelta < 0 && f.Claim.PassPhrase && !f.Claim.MoveLead:
		f.unwitnessed("claims tests pass but the diff net-deletes %d test line(s): removing assertions is not passing them", -c.TestLineDelta)
	default:
		f.ok(WitnessDiff, "test claim; the diff touches %s (net %+d test lines)", count(len(f.TestFiles), "test file"), c.TestLineDelta)
	}
}

func auditCode(f *Finding, c Commit, o Options) {
	switch {
	case len(f.SourceFiles) > 0:
		f.ok(WitnessDiff, "code-effect claim; the diff touches %s", count(len(f.SourceFiles), "source file"))
	case f.Claim.CIScoped && len(f.CIFiles) > 0:
		f.ok(WitnessDiff, "ci-scoped code-effect claim; the diff touches %s", count(len(f.CIFiles), "ci file"))
	case len(f.DataFiles) > 0:
		f.ok(WitnessData, "code-effect claim; the diff touches %s (config, lockfile or data)", count(len(f.DataFiles), "data file"))
	case len(c.Files) == 0:
		f.unwitnessed("code-effect claim but %s", emptyCommit)
	case o.DocsOK && len(f.DocFiles) == len(c.Files):
		f.ok(WitnessDiff, "code-effect claim on a doc-only diff, accepted by --docs-ok (%s)", count(len(c.Files), "doc file"))
	default:
		f.unwitnessed("code-effect claim but no source, ci or data file was touched, only %s", listFiles(c.Files))
	}
}

// count renders "1 file" or "3 files".
func count(n int, noun string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// listFiles names the first few files and how many more there are.
func listFiles(files []string) string {
	if len(files) <= maxListed {
		return strings.Join(files, ", ")
	}
	return fmt.Sprintf("%s (+%d more)", strings.Join(files[:maxListed], ", "), len(files)-maxListed)
}

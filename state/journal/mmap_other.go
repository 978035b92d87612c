//go:build !unix

package journal

// mapJournal has no mapping here: [Journal.Matching] streams the file.
func (j *Journal) mapJournal() ([]byte, func(), error) {
	return nil, nil, errNoMap
}

package oracle

import "testing"

func TestCheckCommit(t *testing.T) {
	h := memHistory{
		{sha: sha(0), subject: "Revert", files: []string{"x"}, reverts: sha(3)},
		{sha: sha(1), subject: "s1", files: []string{"src/auth/login.go"}},
		{sha: sha(2), subject: "empty"},
		{sha: sha(3), subject: "reverted", files: []string{"src/auth/a.go"}},
		{sha: sha(4), subject: "vendor only", files: []string{"vendor/x/y.go"}},
	}
	p := Policy{IgnorePaths: []string{"vendor"}, AllowEmpty: true}
	cases := []struct {
		name   string
		sha    string
		region []string
		stands bool
		rule   string
	}{
		{"real commit", sha(1)[:7], nil, true, ""},
		{"in region", sha(1), []string{"src/auth/**"}, true, ""},
		{"out of region", sha(1), []string{"docs/**"}, false, CommitOutOfRegion},
		{"sibling prefix is not the region", sha(1), []string{"src/authz/**"}, false, CommitOutOfRegion},
		{"empty commit, even with allow_empty", sha(2), nil, false, CommitEmpty},
		{"reverted", sha(3), nil, false, CommitReverted},
		{"only ignored paths", sha(4), nil, false, CommitEmpty},
		{"not in history", sha(9), nil, false, CommitUnreachable},
		{"empty sha", "", nil, false, CommitUnreachable},
	}
	for _, c := range cases {
		got := CheckCommit(c.sha, c.region, h, p)
		if got.Stands != c.stands || got.Rule != c.rule {
			t.Errorf("%s: %+v", c.name, got)
		}
		if c.rule != CommitUnreachable && !got.InHistory {
			t.Errorf("%s: not in history", c.name)
		}
	}
}

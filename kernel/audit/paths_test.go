package audit

import "testing"

// Spec verify-and-config §6, "File classes".
func TestClassifyPath(t *testing.T) {
	tests := []struct {
		path string
		want Class
	}{
		{"main.go", Source},
		{"app.py", Source},
		{"src/lib.rs", Source},
		{"web/app.ts", Source},
		{"web/app.js", Source},
		{"Main.java", Source},
		{"x.c", Source},
		{"x.cpp", Source},
		{"run.sh", Source},
		{"schema.sql", Source},
		{"infra/main.tf", Source},
		{"skills/verify/SKILL.md", Source},
		{"Makefile", Source},
		{"Dockerfile", Source},
		{"Rakefile", Source},
		{"Gemfile", Source},
		{"Procfile", Source},
		{".gitignore", Source},
		{".env", Source},
		{"bin/tool", Source},
		{"LICENSE", Source}, // extensionless counts as source
		{"README.md", Doc},
		{"docs/guide.rst", Doc},
		{"notes.txt", Doc},
		{"book.adoc", Doc},
		{"todo.org", Doc},
		{"requirements.txt", Data},
		{"requirements-dev.txt", Data},
		{"constraints.txt", Data},
		{"go.sum", Data},
		{"package-lock.json", Data},
		{"Cargo.lock", Data},
		{"data/table.csv", Data},
		{"config.yaml", Data},
		{".eslintrc.json", Data},
		{"logo.png", Media},
		{"fonts/a.woff2", Media},
		{"dist/app.zip", Media},
		{"manual.pdf", Media},
		{"lib/thing.so", Media},
		// tests
		{"tests/test_app.py", Source | Test},
		{"test_app.py", Source | Test},
		{"pkg/lease_test.go", Source | Test},
		{"web/app.test.ts", Source | Test},
		{"web/app.spec.js", Source | Test},
		{"spec/models/user_spec.rb", Source | Test},
		{"specs/x.rb", Source | Test},
		{"src/__tests__/a.js", Source | Test},
		{"test/fixtures/data.json", Data | Test},
		{"Tests/Readme.md", Doc | Test},
		{"e2e/testdata/x.txtar", Data}, // testdata is not a test folder
		{"latest/app.py", Source},
		{"contest.py", Source},
		// ci
		{".github/workflows/ci.yml", Data | CI},
		{".github/workflows/release.yaml", Data | CI},
		{".github/workflows/README.md", Doc},
		{".gitlab-ci.yml", Data | CI},
		{".travis.yml", Data | CI},
		{"azure-pipelines.yml", Data | CI},
		{"appveyor.yml", Data | CI},
		{".appveyor.yml", Data | CI},
		{".circleci/config.yml", Data | CI},
		{"bitbucket-pipelines.yml", Data | CI},
		{"sub/.travis.yml", Data},
		{"./main.go", Source},
	}
	for _, tt := range tests {
		if got := ClassifyPath(tt.path); got != tt.want {
			t.Errorf("ClassifyPath(%q) = %06b, want %06b", tt.path, got, tt.want)
		}
	}
}

// Every path lands in exactly one of source, doc, media, data.
func TestClassifyPathExclusive(t *testing.T) {
	for _, p := range []string{"a", "a.go", "a.md", "a.png", "a.json", "", ".", "a.", "x/y/", "SKILL.md", "requirements.txt"} {
		c := ClassifyPath(p)
		n := 0
		for _, k := range []Class{Source, Doc, Media, Data} {
			if c.Has(k) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("ClassifyPath(%q) = %06b: in %d primary classes, want 1", p, c, n)
		}
	}
}

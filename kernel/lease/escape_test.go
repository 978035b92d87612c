package lease

import "testing"

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"plain text — ok":   "plain text — ok",
		"\x1b[31mred\a\x00": `\x1b[31mred\a\x00`,
		"a\u202eb\u2028c":   `a\u202eb\u2028c`,
		"bad \xff byte":     `bad \xff byte`,
		`say "hi" \\ back`:  `say "hi" \\\\ back`,
		"tab\tnl\n":         `tab\tnl\n`,
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %s, want %s", in, got, want)
		}
	}
}

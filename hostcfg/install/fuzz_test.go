package install

import (
	"bytes"
	"testing"

	"github.com/tailscale/hujson"
)

func rootNames(v hujson.Value) map[string]bool {
	out := map[string]bool{}
	if o, ok := v.Value.(*hujson.Object); ok {
		for _, m := range o.Members {
			if s, ok := stringValue(m.Name); ok {
				out[s] = true
			}
		}
	}
	return out
}

// FuzzJSONCMerge: on any input the installers accept, install and remove
// never panic, their output still parses as JSON with comments, the user's
// top-level keys are all still there, a second install changes nothing, and
// remove leaves no dos entry.
func FuzzJSONCMerge(f *testing.F) {
	for _, name := range []string{"claude-settings.json", "gemini-settings.json", "cursor-hooks.json", "antigravity-hooks.json", "codex-hooks.json"} {
		b, err := readTestdataFS(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(0))
	}
	for _, s := range []string{"", "{}", "{,}", "[]", `{"hooks":{}}`, `{"hooks":{"Stop":[]}}`, `{"hooks":{"Stop":[1,"x",{"hooks":3}]}}`,
		"{\"a\":1,}\n", "{\n\t\"a\": [ // c\n\t],\n}", `{"hooks":null}`, `{"dos":{"Stop":[{"command":"dos hook stop"}]}}`, "/* x */ {} // y"} {
		f.Add([]byte(s), uint8(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, pick uint8) {
		specs := Specs()
		s := specs[int(pick)%len(specs)]
		jf := jsonFormat{spec: s, bin: testBin}
		in, err := parseJSONC(data)
		if err != nil {
			return
		}
		out, _, err := jf.install(data, true)
		if err != nil {
			return // refused (a hooks key of the wrong kind): nothing written
		}
		v, err := hujson.Parse(out)
		if err != nil {
			t.Fatalf("install output does not parse: %v\n%q\n->\n%q", err, data, out)
		}
		got := rootNames(v)
		for k := range rootNames(in) {
			if !got[k] {
				t.Fatalf("install dropped key %q:\n%q\n->\n%q", k, data, out)
			}
		}
		again, res, err := jf.install(out, true)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("second install changed the file (%v, %+v):\n%q\n->\n%q", err, res, out, again)
		}
		cut, _, err := jf.remove(out)
		if err != nil {
			t.Fatalf("remove: %v", err)
		}
		cv, err := hujson.Parse(cut)
		if err != nil {
			t.Fatalf("remove output does not parse: %v\n%q", err, cut)
		}
		_, res, _ = jf.remove(cut)
		for _, r := range res {
			if r.Status == Removed {
				t.Fatalf("dos entries left after remove:\n%q", cut)
			}
		}
		kept := rootNames(cv)
		for k := range rootNames(in) {
			if !kept[k] && !(len(s.Container) > 0 && k == s.Container[0]) {
				t.Fatalf("remove dropped key %q:\n%q", k, cut)
			}
		}
		// Planning the round trip gives the input back, byte for byte.
		p, err := planRemove(jf, FileState{Path: "f", Exists: true, Data: out, HasBackup: true, Backup: data})
		if err != nil {
			t.Fatal(err)
		}
		if p.Action == Restore && !bytes.Equal(p.Data, data) {
			t.Fatalf("restore is not the original")
		}
		if !bytes.Equal(out, data) && p.Action != Restore {
			t.Fatalf("remove right after install did not restore (%s):\n%q\n->\n%q", p.Action, data, out)
		}
	})
}

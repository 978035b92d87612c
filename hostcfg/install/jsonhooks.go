package install

import (
	"fmt"
	"strings"

	"github.com/tailscale/hujson"
)

// Status says what happened to one event's dos entry.
type Status string

// The statuses.
const (
	// Added: the entry was not there and was written.
	Added Status = "added"
	// Updated: a dos entry was there with another command and now runs the
	// current one.
	Updated Status = "updated"
	// Present: the entry was there as it should be; nothing was written.
	Present Status = "present"
	// Removed: dos's entries were taken out.
	Removed Status = "removed"
	// Absent: there was no dos entry to take out.
	Absent Status = "absent"
	// Elsewhere: a dos entry for the event sits outside the part of the
	// file dos manages (Codex config.toml); it was left as it is.
	Elsewhere Status = "elsewhere"
)

// EventResult is what happened to one event in one file.
type EventResult struct {
	Event  string `json:"event"`
	Verb   Verb   `json:"verb"`
	Status Status `json:"status"`
	// Count is the number of dos entries found (or removed).
	Count int `json:"count"`
}

// format edits one kind of host file. Both methods are pure.
type format interface {
	// install returns data with every event wired; exists is false for a
	// file that is not there yet.
	install(data []byte, exists bool) ([]byte, []EventResult, error)
	// remove returns data without dos's entries.
	remove(data []byte) ([]byte, []EventResult, error)
}

// jsonFormat edits a host's JSON (or JSONC) hook file.
type jsonFormat struct {
	spec Spec
	bin  Binaries
}

// handler is one hook handler as dos writes it; field order is the order in
// the file.
type handler struct {
	Type    string `json:"type,omitempty"`
	Command string `json:"command"`
	Timeout int    `json:"timeout,omitempty"`
}

type group struct {
	Matcher string    `json:"matcher,omitempty"`
	Hooks   []handler `json:"hooks"`
}

func (f jsonFormat) handler(e Event) handler {
	h := handler{Command: f.bin.Command(e.Verb, f.spec.Host), Timeout: f.spec.Timeout}
	if f.spec.Type {
		h.Type = "command"
	}
	return h
}

func (f jsonFormat) entry(e Event) any {
	if e.Shape == Flat {
		return f.handler(e)
	}
	return group{Matcher: e.Matcher, Hooks: []handler{f.handler(e)}}
}

// commands visits the command of every handler in an event's array that
// runs a dos verb, with the handler's place.
func eachDosHandler(arr *hujson.Array, shape Shape, fn func(gi, hi int, cmd *hujson.Value, verb Verb)) {
	for gi := range arr.Elements {
		el := &arr.Elements[gi]
		if shape == Flat {
			if c := objectField(el, "command"); c != nil {
				if s, ok := stringValue(*c); ok {
					if v, ok := DosVerb(s); ok {
						fn(gi, -1, c, v)
					}
				}
			}
			continue
		}
		hooks := objectField(el, "hooks")
		if hooks == nil {
			continue
		}
		ha, ok := hooks.Value.(*hujson.Array)
		if !ok {
			continue
		}
		for hi := range ha.Elements {
			if c := objectField(&ha.Elements[hi], "command"); c != nil {
				if s, ok := stringValue(*c); ok {
					if v, ok := DosVerb(s); ok {
						fn(gi, hi, c, v)
					}
				}
			}
		}
	}
}

func (f jsonFormat) install(data []byte, exists bool) ([]byte, []EventResult, error) {
	doc, err := parseJSONC(data)
	if err != nil {
		return nil, nil, err
	}
	root := doc.Value.(*hujson.Object)
	l := detectLayout(root)
	for _, d := range f.spec.RootDefaults {
		if member(root, d.Name) < 0 {
			if err := l.appendMember(root, "", d.Name, rawJSON(d.JSON)); err != nil {
				return nil, nil, err
			}
		}
	}
	// Walk (or make) the container objects.
	obj, indent := root, ""
	path := ""
	for _, key := range f.spec.Container {
		path += "." + key
		i := member(obj, key)
		if i < 0 {
			if err := l.appendMember(obj, indent, key, rawJSON("{}")); err != nil {
				return nil, nil, err
			}
			i = len(obj.Members) - 1
		}
		next, ok := obj.Members[i].Value.Value.(*hujson.Object)
		if !ok {
			return nil, nil, fmt.Errorf("%s is %s, not an object; dos leaves it alone", strings.TrimPrefix(path, "."), kindName(obj.Members[i].Value.Value.Kind()))
		}
		indent = l.itemIndent(objSeq{obj}, i, indent)
		obj = next
	}
	var res []EventResult
	for _, e := range f.spec.Events {
		i := member(obj, e.Name)
		if i < 0 {
			if err := l.appendMember(obj, indent, e.Name, rawJSON("[]")); err != nil {
				return nil, nil, err
			}
			i = len(obj.Members) - 1
		}
		arr, ok := obj.Members[i].Value.Value.(*hujson.Array)
		if !ok {
			return nil, nil, fmt.Errorf("%s.%s is %s, not an array; dos leaves it alone", strings.TrimPrefix(path, "."), e.Name, kindName(obj.Members[i].Value.Value.Kind()))
		}
		want := f.bin.Command(e.Verb, f.spec.Host)
		r := EventResult{Event: e.Name, Verb: e.Verb, Status: Present}
		eachDosHandler(arr, e.Shape, func(_, _ int, cmd *hujson.Value, v Verb) {
			if v != e.Verb {
				return
			}
			r.Count++
			if s, _ := stringValue(*cmd); s != want {
				cmd.Value = hujson.String(want)
				r.Status = Updated
			}
		})
		if r.Count == 0 {
			if err := l.appendElement(arr, l.itemIndent(objSeq{obj}, i, indent), f.entry(e)); err != nil {
				return nil, nil, err
			}
			r.Status, r.Count = Added, 1
		}
		res = append(res, r)
	}
	return doc.Pack(), res, nil
}

func (f jsonFormat) remove(data []byte) ([]byte, []EventResult, error) {
	doc, err := parseJSONC(data)
	if err != nil {
		return nil, nil, err
	}
	root := doc.Value.(*hujson.Object)
	var res []EventResult
	for _, e := range f.spec.Events {
		res = append(res, EventResult{Event: e.Name, Verb: e.Verb, Status: Absent})
	}
	// Find the container chain; a missing or odd one holds nothing of ours.
	chain := []*hujson.Object{root}
	obj := root
	for _, key := range f.spec.Container {
		i := member(obj, key)
		if i < 0 {
			return data, res, nil
		}
		next, ok := obj.Members[i].Value.Value.(*hujson.Object)
		if !ok {
			return data, res, nil
		}
		obj = next
		chain = append(chain, obj)
	}
	pruned := false
	for k, e := range f.spec.Events {
		i := member(obj, e.Name)
		if i < 0 {
			continue
		}
		arr, ok := obj.Members[i].Value.Value.(*hujson.Array)
		if !ok {
			continue
		}
		type spot struct{ gi, hi int }
		var spots []spot
		eachDosHandler(arr, e.Shape, func(gi, hi int, _ *hujson.Value, v Verb) {
			if v == e.Verb {
				spots = append(spots, spot{gi, hi})
			}
		})
		if len(spots) == 0 {
			continue
		}
		// Back to front, so earlier places stay valid.
		for j := len(spots) - 1; j >= 0; j-- {
			sp := spots[j]
			if sp.hi < 0 {
				removeAt(arrSeq{arr}, sp.gi)
				continue
			}
			ha := objectField(&arr.Elements[sp.gi], "hooks").Value.(*hujson.Array)
			removeAt(arrSeq{ha}, sp.hi)
			if len(ha.Elements) == 0 {
				removeAt(arrSeq{arr}, sp.gi)
			}
		}
		res[k].Status, res[k].Count = Removed, len(spots)
		if len(arr.Elements) == 0 {
			removeAt(objSeq{obj}, i)
			pruned = true
		}
	}
	// Prune containers that our removals left empty.
	if pruned {
		for d := len(chain) - 1; d > 0 && len(chain[d].Members) == 0; d-- {
			parent := chain[d-1]
			if i := member(parent, f.spec.Container[d-1]); i >= 0 {
				removeAt(objSeq{parent}, i)
			}
		}
	}
	return doc.Pack(), res, nil
}

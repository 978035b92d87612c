package lease

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// decodeFast decodes the common shape of a journal line without
// reflection: a flat object of known keys holding escape-free strings,
// numbers, null, a tree of strings and a nested lease. Anything else (an
// escape, a key that is not lower-case ASCII, a value of an unexpected
// type, a CHECKPOINT's lists) answers ok=false and the caller falls back to
// encoding/json. line must already be known to be valid JSON.
func decodeFast(line []byte) (r Record, ok bool) {
	p := parser{b: line}
	if !p.object(func(key []byte) bool { return p.recordField(&r, key) }) {
		return Record{}, false
	}
	p.ws()
	return r, p.i == len(p.b)
}

type parser struct {
	b         []byte
	i         int
	leaseSeen bool
}

func (p *parser) ws() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\t' || p.b[p.i] == '\n' || p.b[p.i] == '\r') {
		p.i++
	}
}

func (p *parser) eat(c byte) bool {
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// object walks {"key": value, ...}, calling field after each colon; field
// must consume the value.
func (p *parser) object(field func(key []byte) bool) bool {
	if !p.eat('{') {
		return false
	}
	if p.eat('}') {
		return true
	}
	for {
		key, ok := p.str()
		if !ok || !plainKey(key) || !p.eat(':') {
			return false
		}
		p.ws()
		if !field(key) {
			return false
		}
		if p.eat(',') {
			continue
		}
		return p.eat('}')
	}
}

// plainKey: lower-case ASCII letters, digits and '_' only, so exact
// matching agrees with encoding/json's case-insensitive matching.
func plainKey(k []byte) bool {
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// str reads a string without escapes.
func (p *parser) str() ([]byte, bool) {
	if !p.eat('"') {
		return nil, false
	}
	end := bytes.IndexByte(p.b[p.i:], '"')
	if end < 0 {
		return nil, false
	}
	s := p.b[p.i : p.i+end]
	if bytes.IndexByte(s, '\\') >= 0 {
		return nil, false
	}
	p.i += end + 1
	return s, true
}

func (p *parser) null() bool {
	if bytes.HasPrefix(p.b[p.i:], []byte("null")) {
		p.i += 4
		return true
	}
	return false
}

// strField reads a string or null into dst.
func (p *parser) strField(dst *string) bool {
	if p.null() {
		return true
	}
	s, ok := p.str()
	if ok {
		*dst = string(s)
	}
	return ok
}

func (p *parser) number() ([]byte, bool) {
	j := p.i
	for j < len(p.b) && (p.b[j] == '-' || p.b[j] == '+' || p.b[j] == '.' || p.b[j] == 'e' || p.b[j] == 'E' || p.b[j] >= '0' && p.b[j] <= '9') {
		j++
	}
	if j == p.i {
		return nil, false
	}
	n := p.b[p.i:j]
	p.i = j
	return n, true
}

func (p *parser) intField(dst *int64) bool {
	if p.null() {
		return true
	}
	n, ok := p.number()
	if !ok {
		return false
	}
	v, err := strconv.ParseInt(string(n), 10, 64)
	if err != nil {
		return false
	}
	*dst = v
	return true
}

func (p *parser) smallInt(dst *int) bool {
	var v int64 = int64(*dst)
	if !p.intField(&v) || int64(int(v)) != v {
		return false
	}
	*dst = int(v)
	return true
}

func (p *parser) floatField(dst *float64) bool {
	if p.null() {
		return true
	}
	n, ok := p.number()
	if !ok {
		return false
	}
	v, err := strconv.ParseFloat(string(n), 64)
	if err != nil {
		return false
	}
	*dst = v
	return true
}

func (p *parser) strList(dst *[]string) bool {
	if p.null() {
		*dst = nil
		return true
	}
	if !p.eat('[') {
		return false
	}
	out := []string{}
	if !p.eat(']') {
		for {
			s, ok := p.str()
			if !ok {
				return false
			}
			out = append(out, string(s))
			if p.eat(',') {
				continue
			}
			if !p.eat(']') {
				return false
			}
			break
		}
	}
	*dst = out
	return true
}

// skip passes over any valid JSON value.
func (p *parser) skip() bool {
	p.ws()
	if p.i >= len(p.b) {
		return false
	}
	switch p.b[p.i] {
	case '"':
		p.i++
		for p.i < len(p.b) {
			switch p.b[p.i] {
			case '\\':
				p.i += 2
				continue
			case '"':
				p.i++
				return true
			}
			p.i++
		}
		return false
	case '{', '[':
		depth := 0
		for p.i < len(p.b) {
			switch p.b[p.i] {
			case '"':
				if !p.skip() {
					return false
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					p.i++
					return true
				}
			}
			p.i++
		}
		return false
	default:
		for p.i < len(p.b) && !bytes.ContainsRune([]byte(",}] \t\r\n"), rune(p.b[p.i])) {
			p.i++
		}
		return true
	}
}

func (p *parser) recordField(r *Record, key []byte) bool {
	switch string(key) {
	case "op":
		return p.strField(&r.Op)
	case "seq":
		return p.intField(&r.Seq)
	case "ts":
		return p.strField(&r.TS)
	case "lane":
		return p.strField(&r.Lane)
	case "lane_kind":
		return p.strField(&r.LaneKind)
	case "tree":
		return p.strList(&r.Tree)
	case "loop_ts":
		return p.strField(&r.LoopTS)
	case "host_id":
		return p.strField(&r.HostID)
	case "pid":
		return p.smallInt(&r.PID)
	case "holder":
		return p.strField(&r.Holder)
	case "acquired_at":
		return p.strField(&r.AcquiredAt)
	case "heartbeat_at":
		return p.strField(&r.HeartbeatAt)
	case "run_id":
		return p.strField(&r.RunID)
	case "ttl_minutes":
		return p.floatField(&r.TTLMinutes)
	case "lease_id":
		return p.strField(&r.LeaseID)
	case "reason":
		return p.strField(&r.Reason)
	case "reason_class":
		return p.strField(&r.ReasonClass)
	case "handle":
		return p.strField(&r.Handle)
	case "seq_watermark":
		return p.intField(&r.SeqWatermark)
	case "generation_watermark":
		return p.intField(&r.GenerationWatermark)
	case "_raw":
		return p.strField(&r.Raw)
	case "_line":
		return p.smallInt(&r.Line)
	case "_length":
		return p.intField(&r.RawLength)
	case "_sha256":
		return p.strField(&r.RawSHA256)
	case "lease":
		if p.leaseSeen {
			return false
		}
		p.leaseSeen = true
		if p.null() {
			r.Lease = nil
			return true
		}
		l := &Lease{}
		if !p.object(func(k []byte) bool { return p.leaseField(l, k) }) {
			return false
		}
		r.Lease = l
		return true
	case "leases", "generations":
		return false
	}
	return p.skip()
}

func (p *parser) leaseField(l *Lease, key []byte) bool {
	switch string(key) {
	case "lane":
		return p.strField(&l.Lane)
	case "lane_kind":
		return p.strField(&l.LaneKind)
	case "tree":
		return p.strList(&l.Tree)
	case "loop_ts":
		return p.strField(&l.LoopTS)
	case "host_id":
		return p.strField(&l.HostID)
	case "pid":
		return p.smallInt(&l.PID)
	case "holder":
		return p.strField(&l.Holder)
	case "acquired_at":
		return p.strField(&l.AcquiredAt)
	case "heartbeat_at":
		return p.strField(&l.HeartbeatAt)
	case "run_id":
		return p.strField(&l.RunID)
	case "ttl_minutes":
		return p.floatField(&l.TTLMinutes)
	case "lease_id":
		return p.strField(&l.LeaseID)
	}
	return p.skip()
}

// DecodeSnapshot parses a Snapshot written by encoding/json (the journal's
// fold cache). The common shape is read by hand, without reflection, which
// a short-lived process such as a hook pays for at every start; anything
// else (escapes, a key outside the snapshot's, another spelling) goes
// through encoding/json, so both paths give the same Snapshot.
func DecodeSnapshot(b []byte) (Snapshot, error) {
	if sn, ok := decodeSnapshotFast(b); ok {
		return sn, nil
	}
	var sn Snapshot
	err := json.Unmarshal(b, &sn)
	return sn, err
}

func decodeSnapshotFast(b []byte) (sn Snapshot, ok bool) {
	if !json.Valid(b) || !utf8.Valid(b) {
		return Snapshot{}, false
	}
	p := parser{b: b}
	if !p.object(func(key []byte) bool { return p.snapshotField(&sn, key) }) {
		return Snapshot{}, false
	}
	p.ws()
	return sn, p.i == len(p.b)
}

func (p *parser) snapshotField(sn *Snapshot, key []byte) bool {
	switch string(key) {
	case "leases":
		if p.null() {
			sn.Leases = nil
			return true
		}
		out := []Lease{}
		ok := p.array(func() bool {
			if p.null() {
				return false // encoding/json leaves a null element zero; rare, let it decide
			}
			var l Lease
			if !p.object(func(k []byte) bool { return p.leaseField(&l, k) }) {
				return false
			}
			out = append(out, l)
			return true
		})
		sn.Leases = out
		return ok
	case "generations":
		if p.null() {
			sn.Generations = nil
			return true
		}
		out := []Generation{}
		ok := p.array(func() bool {
			var g Generation
			if !p.object(func(k []byte) bool { return p.generationField(&g, k) }) {
				return false
			}
			out = append(out, g)
			return true
		})
		sn.Generations = out
		return ok
	case "generation_watermark":
		return p.intField(&sn.Counter)
	case "seq_watermark":
		return p.intField(&sn.MaxSeq)
	case "records":
		return p.smallInt(&sn.Records)
	}
	return false
}

func (p *parser) generationField(g *Generation, key []byte) bool {
	switch string(key) {
	case "loop_ts":
		return p.strField(&g.LoopTS)
	case "lane":
		return p.strField(&g.Lane)
	case "generation":
		return p.intField(&g.Generation)
	}
	return false
}

// array walks [value, ...], calling elem for each; elem must consume it.
func (p *parser) array(elem func() bool) bool {
	if !p.eat('[') {
		return false
	}
	if p.eat(']') {
		return true
	}
	for {
		p.ws()
		if !elem() {
			return false
		}
		if p.eat(',') {
			continue
		}
		return p.eat(']')
	}
}

package lease

import (
	"testing"
	"time"
)

func TestExpiredOneRule(t *testing.T) {
	now := time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC)
	p := DefaultPolicy
	cases := []struct {
		name string
		l    Lease
		want bool
	}{
		{"2020 reference lease", Lease{Lane: "api", LoopTS: "2020-01-01T00:00:00Z", AcquiredAt: "2020-01-01T00:00:00Z"}, true},
		{"naive minute stamp is UTC", Lease{AcquiredAt: "2026-01-01T00:04"}, true},
		{"inside ttl+grace", Lease{AcquiredAt: "2026-01-01T00:06:00Z"}, false},
		{"exactly ttl+grace is not expired", Lease{AcquiredAt: "2026-01-01T00:05:00Z"}, false},
		{"heartbeat wins over acquired_at", Lease{AcquiredAt: "2020-01-01T00:00:00Z", HeartbeatAt: "2026-01-01T00:59:00Z"}, false},
		{"own ttl", Lease{AcquiredAt: "2026-01-01T00:40:00Z", TTLMinutes: 10}, true},
		{"loop_ts fallback", Lease{LoopTS: "2026-01-01T00:59:00+00:00"}, false},
		{"offset stamp", Lease{AcquiredAt: "2026-01-01T02:30:00+02:00"}, false},
		{"unparseable stamp kept", Lease{AcquiredAt: "yesterday"}, false},
		{"no stamp kept", Lease{Lane: "x"}, false},
	}
	for _, c := range cases {
		if got := p.Expired(c.l, now); got != c.want {
			t.Errorf("%s: Expired = %v, want %v", c.name, got, c.want)
		}
	}
	live, exp := p.Split([]Lease{cases[0].l, cases[2].l}, now)
	if len(live) != 1 || len(exp) != 1 {
		t.Fatalf("split: %v %v", live, exp)
	}
}

func TestParseStamp(t *testing.T) {
	want := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"2020-01-01T00:00:00Z", "2020-01-01T00:00", "2020-01-01T00:00:00", "2020-01-01 00:00:00", "2020-01-01T01:00:00+01:00", "2020-01-01T00:00:00.000Z"} {
		got, ok := ParseStamp(s)
		if !ok || !got.Equal(want) {
			t.Errorf("ParseStamp(%q) = %v %v", s, got, ok)
		}
	}
	if FormatStamp(want) != "2020-01-01T00:00:00Z" {
		t.Fatal(FormatStamp(want))
	}
}

func FuzzParseStamp(f *testing.F) {
	f.Add("2020-01-01T00:00")
	f.Add("2020-01-01T00:00:00+05:30")
	f.Fuzz(func(t *testing.T, s string) {
		if tm, ok := ParseStamp(s); ok && tm.Location() != time.UTC {
			t.Fatalf("%q parsed to a non-UTC time", s)
		}
	})
}

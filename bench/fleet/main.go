//go:build etcd

// Command fleet times acquire+release through the store interface on a
// local 3-member embedded etcd cluster and on the file journal, and the
// grants per second with 8 and 40 concurrent acquirers on each (8 lanes,
// disjoint trees), etcd and file alternating (cycle by cycle, or in
// slices of a concurrent run) so both see the same load of a shared
// machine, over several runs; it prints the medians and the medians of
// the ratios. Run it with bench/fleet/run.sh.
package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dispatchos/dos/kernel/admission"
	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/idalloc"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/lock"
	"github.com/dispatchos/dos/state/store"
	"github.com/dispatchos/dos/state/store/etcdstore"
	"github.com/dispatchos/dos/state/store/etcdstore/etcdtest"
	"github.com/dispatchos/dos/state/store/filestore"
)

func config() store.Config {
	t := admission.Taxonomy{Trees: map[string][]string{}}
	for i := range 8 {
		n := fmt.Sprintf("l%d", i)
		t.Concurrent = append(t.Concurrent, n)
		t.Trees[n] = []string{fmt.Sprintf("pkg/%d/", i)}
	}
	return store.Config{Taxonomy: t, HostID: "bench", PID: os.Getpid(), Attempts: 64}
}

// cycle acquires lane for owner and releases it; granted is false on a
// refusal (the lane was held by another acquirer); attempts counts the
// decide-and-commit rounds (more than one after a lost race).
func cycle(s store.Store, lane, owner string) (granted bool, attempts int, err error) {
	ctx := context.Background()
	res, err := store.Acquire(ctx, s, time.Now(), config(), store.AcquireInput{
		Request: admission.Request{Lane: lane, Owner: owner}, TTLMinutes: 5})
	if err != nil || res.Lease == nil {
		return false, res.Attempts, err
	}
	_, err = s.Release(ctx, res.Lease.LeaseID, owner, lease.ReleaseOf(*res.Lease, "bench", owner))
	return true, res.Attempts, err
}

// sequential is the median acquire+release of one client on each of
// etcd and file, n times each, alternating, so that both see the same
// load of a shared machine.
func sequential(etcd, file store.Store, n int) [2]time.Duration {
	defer etcd.Close()
	defer file.Close()
	var out [2]time.Duration
	d := [2][]time.Duration{make([]time.Duration, n), make([]time.Duration, n)}
	for i := range n {
		for j, s := range []store.Store{etcd, file} {
			t0 := time.Now()
			if ok, _, err := cycle(s, "l0", "solo"); !ok || err != nil {
				fmt.Fprintln(os.Stderr, "sequential:", ok, err)
				os.Exit(1)
			}
			d[j][i] = time.Since(t0)
		}
	}
	for j := range out {
		out[j] = median(d[j])
	}
	return out
}

// load is one concurrent run: grants per second, decide-and-commit rounds
// per acquire, and the errors seen.
type load struct {
	rate, rounds float64
	errs         int64
}

// slicesPerRun is how many alternating slices a concurrent run is cut into.
const slicesPerRun = 6

// concurrent runs k acquirers (acquirer i asks for lane i%8), each on its
// own store, on etcd and on file for dur each, alternating in slices.
func concurrent(openEtcd, openFile func() store.Store, k int, dur time.Duration) [2]load {
	var out [2]load
	var stores [2][]store.Store
	for j, open := range []func() store.Store{openEtcd, openFile} {
		for range k {
			stores[j] = append(stores[j], open())
		}
	}
	var grants, errs, acquires, rounds [2]atomic.Int64
	var elapsed [2]time.Duration // the slices' time, the last cycles' included
	for range slicesPerRun {
		for j := range stores {
			var wg sync.WaitGroup
			start := time.Now()
			stop := start.Add(dur / slicesPerRun)
			for i, s := range stores[j] {
				wg.Go(func() {
					lane, owner := fmt.Sprintf("l%d", i%8), fmt.Sprintf("a%d", i)
					for time.Now().Before(stop) {
						ok, n, err := cycle(s, lane, owner)
						acquires[j].Add(1)
						rounds[j].Add(int64(n))
						if err != nil {
							errs[j].Add(1)
						}
						if ok {
							grants[j].Add(1)
						}
					}
				})
			}
			wg.Wait()
			elapsed[j] += time.Since(start)
		}
	}
	for j := range out {
		for _, s := range stores[j] {
			s.Close()
		}
		out[j] = load{rate: float64(grants[j].Load()) / elapsed[j].Seconds(), rounds: float64(rounds[j].Load()) / float64(max(acquires[j].Load(), 1)), errs: errs[j].Load()}
	}
	return out
}

func median[T cmp.Ordered](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// figures are one run's measurements, etcd then file.
type figures struct {
	seq      [2]time.Duration
	c8, c40  [2]load
	seqRatio float64
}

func main() {
	n := flag.Int("n", 200, "sequential acquire+release pairs per run")
	dur := flag.Duration("d", 3*time.Second, "duration of each concurrent run")
	runs := flag.Int("runs", 5, "runs, etcd and file interleaved; the summary gives the medians")
	external := flag.String("endpoints", "", "comma-separated client URLs of a running etcd to use instead of the embedded 3-member cluster")
	flag.Parse()
	dir, err := os.MkdirTemp("", "dos-bench-fleet")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	endpoints, where := strings.Split(*external, ","), "etcd: "+*external
	if *external == "" {
		c, err := etcdtest.Start(filepath.Join(dir, "etcd"), 3)
		if err != nil {
			panic(err)
		}
		defer c.Stop()
		endpoints, where = c.Endpoints, "etcd: 3 embedded members on loopback, in this process"
	}
	run := time.Now().UnixNano()
	fleets := 0
	openEtcd := func(fleet string) func() store.Store {
		return func() store.Store {
			s, err := etcdstore.Open(etcdstore.Config{Endpoints: endpoints, Fleet: fleet, HostID: "bench"})
			if err != nil {
				panic(err)
			}
			return s
		}
	}
	openFile := func(sub string) func() store.Store {
		d := filepath.Join(dir, sub)
		os.MkdirAll(d, 0o755)
		return func() store.Store {
			return &filestore.Store{J: journal.New(filepath.Join(d, "lane-journal.jsonl")), Expiry: lease.DefaultPolicy,
				Wait: 30 * time.Second, HostID: "bench", IDs: idalloc.Allocator{Dir: d, Wait: 5 * time.Second},
				Archive: lock.NewArchive(filepath.Join(d, "archive.lock"))}
		}
	}
	next := func() string { fleets++; return fmt.Sprintf("b%d-%d", run, fleets) }
	version := "?"
	if s, ok := openEtcd(next())().(*etcdstore.Store); ok {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if st, err := s.Client().Status(ctx, endpoints[0]); err == nil {
			version = st.Version
		}
		cancel()
		s.Close()
	}
	fmt.Printf("hardware: %d CPUs (%s/%s), %s; %s, server %s\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), where, version)
	fmt.Printf("%d runs; per run: acquire+release (one client, median of %d, etcd and file alternating), then grants/s with 8 and 40 acquirers (%v each, alternating in %d slices)\n", *runs, *n, *dur, slicesPerRun)
	all := make([]figures, *runs)
	for r := range all {
		f := &all[r]
		f.seq = sequential(openEtcd(next())(), openFile(next())(), *n)
		f.seqRatio = float64(f.seq[0]) / float64(f.seq[1])
		f.c8 = concurrent(openEtcd(next()), openFile(next()), 8, *dur)
		f.c40 = concurrent(openEtcd(next()), openFile(next()), 40, *dur)
		fmt.Printf("run %d: acquire+release etcd %v file %v (%.2fx)  8: etcd %.0f/s file %.0f/s  40: etcd %.0f/s file %.0f/s  errors %d\n",
			r+1, f.seq[0].Round(time.Microsecond), f.seq[1].Round(time.Microsecond), f.seqRatio,
			f.c8[0].rate, f.c8[1].rate, f.c40[0].rate, f.c40[1].rate, f.c8[0].errs+f.c8[1].errs+f.c40[0].errs+f.c40[1].errs)
	}
	pick := func(get func(figures) float64) float64 {
		xs := make([]float64, len(all))
		for i, f := range all {
			xs[i] = get(f)
		}
		return median(xs)
	}
	fmt.Printf("median of %d runs (ratios are medians of the runs' ratios):\n", *runs)
	fmt.Printf("  acquire+release, one client: etcd %v  file %v  etcd/file %.2f\n",
		time.Duration(pick(func(f figures) float64 { return float64(f.seq[0]) })).Round(time.Microsecond),
		time.Duration(pick(func(f figures) float64 { return float64(f.seq[1]) })).Round(time.Microsecond),
		pick(func(f figures) float64 { return f.seqRatio }))
	for _, c := range []struct {
		k   int
		get func(figures) [2]load
	}{{8, func(f figures) [2]load { return f.c8 }}, {40, func(f figures) [2]load { return f.c40 }}} {
		fmt.Printf("  %2d acquirers, grants/s: etcd %.0f  file %.0f  file/etcd %.2f  (rounds per acquire: etcd %.1f, file %.1f)\n", c.k,
			pick(func(f figures) float64 { return c.get(f)[0].rate }), pick(func(f figures) float64 { return c.get(f)[1].rate }),
			pick(func(f figures) float64 { return c.get(f)[1].rate / c.get(f)[0].rate }),
			pick(func(f figures) float64 { return c.get(f)[0].rounds }), pick(func(f figures) float64 { return c.get(f)[1].rounds }))
	}
}

//go:build etcd

// Command fleet times acquire+release through the store interface on a
// local 3-member embedded etcd cluster and on the file journal, and the
// grants per second with 8 and 40 concurrent acquirers on each (8 lanes,
// disjoint trees). Run it with bench/fleet/run.sh.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
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
// refusal (the lane was held by another acquirer).
func cycle(s store.Store, lane, owner string) (bool, error) {
	ctx := context.Background()
	res, err := store.Acquire(ctx, s, time.Now(), config(), store.AcquireInput{
		Request: admission.Request{Lane: lane, Owner: owner}, TTLMinutes: 5})
	if err != nil || res.Lease == nil {
		return false, err
	}
	_, err = s.Release(ctx, res.Lease.LeaseID, owner, lease.ReleaseOf(*res.Lease, "bench", owner))
	return true, err
}

// sequential is the median acquire+release of one client, n times.
func sequential(s store.Store, n int) time.Duration {
	d := make([]time.Duration, n)
	for i := range n {
		t0 := time.Now()
		if ok, err := cycle(s, "l0", "solo"); !ok || err != nil {
			fmt.Fprintln(os.Stderr, "sequential:", ok, err)
			os.Exit(1)
		}
		d[i] = time.Since(t0)
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[n/2]
}

// concurrent runs k acquirers (acquirer i asks for lane i%8) for dur and
// returns grants per second and the errors seen.
func concurrent(open func() store.Store, k int, dur time.Duration) (float64, int64) {
	var grants, errs atomic.Int64
	var wg sync.WaitGroup
	stop := time.Now().Add(dur)
	for i := range k {
		s := open()
		wg.Go(func() {
			lane, owner := fmt.Sprintf("l%d", i%8), fmt.Sprintf("a%d", i)
			for time.Now().Before(stop) {
				ok, err := cycle(s, lane, owner)
				if err != nil {
					errs.Add(1)
				}
				if ok {
					grants.Add(1)
				}
			}
		})
	}
	wg.Wait()
	return float64(grants.Load()) / dur.Seconds(), errs.Load()
}

func main() {
	n := flag.Int("n", 200, "sequential acquire+release pairs")
	dur := flag.Duration("d", 3*time.Second, "duration of each concurrent run")
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
	fmt.Printf("hardware: %d CPUs (%s/%s), %s; %s\n", runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version(), where)
	fe, ff := sequential(openEtcd(next())(), *n), sequential(openFile(next())(), *n)
	fmt.Printf("acquire+release, one client, median of %d: etcd %v  file %v  ratio %.2f\n", *n, fe, ff, float64(fe)/float64(ff))
	for _, k := range []int{8, 40} {
		ge, ee := concurrent(openEtcd(next()), k, *dur)
		gf, ef := concurrent(openFile(next()), k, *dur)
		fmt.Printf("%2d acquirers, grants/s: etcd %.0f (%d errors)  file %.0f (%d errors)  file/etcd %.2f\n", k, ge, ee, gf, ef, gf/ge)
	}
}

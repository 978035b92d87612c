package etcdstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/store"
)

// An import writes its records in batches under keys fixed by the import
// (journal/<start>-<digest>-<index>), counting them in a claim,
// importing/<digest>, that each batch moves on in the same transaction, so
// a rerun after a failure writes only what is missing. Its last
// transaction makes the carried leases live, bumps the gate (they are
// grants) and writes imports/<digest>, conditioned on that marker being
// absent and on no grant since the target was read: an import is applied
// once, and never next to a lease granted meanwhile.

// Limits of one import transaction, under etcd's defaults (--max-txn-ops
// 128, --max-request-bytes 1.5 MiB).
const (
	importBatch      = 100
	importBatchBytes = 1 << 20
)

// importAttempts bounds the rounds of an import whose last transaction
// lost a race with a grant.
const importAttempts = 8

// marker is the value of imports/<digest>.
type marker struct {
	Records    int    `json:"records"`
	Leases     int    `json:"leases"`
	ImportedAt string `json:"imported_at"`
}

// expiry is the store's expiry rule, for deciding what an import carries.
func (s *Store) expiry() lease.Policy {
	return lease.Policy{DefaultTTL: s.cfg.DefaultTTL, Grace: s.cfg.Grace}
}

// Import writes an export into the fleet. See the package's import rules
// above; the carried leases get an etcd lease of their full ttl (plus the
// grace) from the import on, so a holder's next beats renew them as any
// lease here, and keep their lane, holder, loop stamp and recorded stamps.
func (s *Store) Import(ctx context.Context, in store.ImportInput) (store.ImportResult, error) {
	plan, err := store.PlanImport(in.Lines, s.expiry(), in.Now)
	if err != nil {
		return store.ImportResult{}, err
	}
	res := store.ImportResult{Digest: plan.Digest}
	if len(plan.Records) == 0 {
		return res, nil
	}
	done, err := s.imported(ctx, plan.Digest)
	if err != nil || done {
		res.Already = done
		return res, err
	}
	for range importAttempts {
		snap, err := s.Snapshot(ctx)
		if err != nil {
			return res, err
		}
		if len(snap.Live) > 0 && !in.Force {
			res.Blocking = snap.Live
			return res, nil
		}
		for _, l := range snap.Live {
			if err := s.end(ctx, l); err != nil {
				return res, err
			}
			res.Replaced = append(res.Replaced, l)
		}
		if err := s.writeRecords(ctx, plan, in.Now); err != nil {
			return res, err
		}
		ok, already, err := s.commitImport(ctx, plan, snap.Token, in.Now)
		if err != nil {
			return res, err
		}
		if already {
			res.Already = true
			return res, nil
		}
		if ok {
			res.Records, res.Carried, res.Expired = len(plan.Records), plan.Carried, plan.Expired
			return res, nil
		}
	}
	return res, fmt.Errorf("etcd: import lost a race with a grant %d times: %w", importAttempts, store.ErrBusy)
}

// imported reports whether the import digest was applied.
func (s *Store) imported(ctx context.Context, digest string) (bool, error) {
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Get(c, s.key("imports/", digest), clientv3.WithCountOnly())
	if err != nil {
		return false, s.unavailable("read the import markers", err)
	}
	return resp.Count > 0, nil
}

// end takes live lease l off the board for an import --force: its keys
// (lease/, holder/, held/) go and a SCAVENGE records why, in one transaction conditioned on the lease
// key being unchanged; its etcd lease is then revoked.
func (s *Store) end(ctx context.Context, l lease.Lease) error {
	e, kv, ok, err := s.get(ctx, l.LeaseID)
	if err != nil || !ok {
		return err
	}
	sc := lease.Scavenges([]lease.Lease{l}, s.cfg.HostID)[0].(*lease.ScavengeEntry)
	sc.Reason = "fleet-import --force"
	now := time.Now()
	rec, err := encode(sc, now)
	if err != nil {
		return err
	}
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Txn(c).If(
		clientv3.Compare(clientv3.ModRevision(string(kv.Key)), "=", kv.ModRevision),
	).Then(
		clientv3.OpDelete(string(kv.Key)),
		clientv3.OpDelete(s.key("holder/", l.LeaseID)),
		clientv3.OpDelete(s.key("held/", l.LeaseID)),
		clientv3.OpPut(s.eventKey(now), string(rec)),
	).Commit()
	if err != nil {
		return s.unavailable("end lease "+l.LeaseID, err)
	}
	if resp.Succeeded {
		s.revoke(ctx, clientv3.LeaseID(e.EtcdLease))
	}
	return nil
}

// progress is the value of importing/<digest>: the key prefix an import
// writes under and how many of its records are written.
type progress struct {
	Start   string `json:"start"`
	Written int    `json:"written"`
}

// importProgress claims the import digest's key prefix, or reads how far
// an earlier, unfinished run got; rev is the claim's ModRevision.
func (s *Store) importProgress(ctx context.Context, digest string) (progress, int64, error) {
	k := s.key("importing/", digest)
	p := progress{Start: fmt.Sprintf("%020d", time.Now().UnixNano())}
	b, _ := json.Marshal(p)
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Txn(c).If(clientv3.Compare(clientv3.CreateRevision(k), "=", 0)).
		Then(clientv3.OpPut(k, string(b))).Else(clientv3.OpGet(k)).Commit()
	if err != nil {
		return p, 0, s.unavailable("claim the import", err)
	}
	if resp.Succeeded {
		return p, resp.Header.Revision, nil
	}
	kvs := resp.Responses[0].GetResponseRange().Kvs
	if len(kvs) != 1 {
		return p, 0, fmt.Errorf("etcd: import claim %s vanished", k)
	}
	if err := json.Unmarshal(kvs[0].Value, &p); err != nil {
		return p, 0, fmt.Errorf("etcd key %s: %w", k, err)
	}
	return p, kvs[0].ModRevision, nil
}

// writeRecords writes the export's records, then a SCAVENGE for each
// lease of it that expired since, in batches under the import's keys.
// Each batch also moves the claim's count on, conditioned on the claim
// being the one read, so a rerun (or a second importer) starts where the
// last batch ended and no record is written twice.
func (s *Store) writeRecords(ctx context.Context, plan store.ImportPlan, now time.Time) error {
	p, rev, err := s.importProgress(ctx, plan.Digest)
	if err != nil {
		return err
	}
	vals := make([]string, 0, len(plan.Lines)+len(plan.Expired))
	for _, b := range plan.Lines {
		vals = append(vals, string(b))
	}
	for _, e := range lease.Scavenges(plan.Expired, s.cfg.HostID) {
		b, err := encode(e, now)
		if err != nil {
			return err
		}
		vals = append(vals, string(b))
	}
	claim := s.key("importing/", plan.Digest)
	for p.Written < len(vals) {
		i, j, size := p.Written, p.Written, 0
		for j < len(vals) && j-i < importBatch && (j == i || size+len(vals[j]) <= importBatchBytes) {
			size += len(vals[j])
			j++
		}
		ops := make([]clientv3.Op, 0, j-i+1)
		for k := i; k < j; k++ {
			ops = append(ops, clientv3.OpPut(s.key("journal/", p.Start, "-", plan.Digest[:16], "-", fmt.Sprintf("%09d", k)), vals[k]))
		}
		next, _ := json.Marshal(progress{Start: p.Start, Written: j})
		ops = append(ops, clientv3.OpPut(claim, string(next)))
		c, cancel := s.op(ctx)
		resp, err := s.cli.Txn(c).If(clientv3.Compare(clientv3.ModRevision(claim), "=", rev)).Then(ops...).Commit()
		cancel()
		if err != nil {
			return s.unavailable("write imported records "+strconv.Itoa(i+1)+".."+strconv.Itoa(j), err)
		}
		if resp.Succeeded {
			p.Written, rev = j, resp.Header.Revision
			continue
		}
		if p, rev, err = s.importProgress(ctx, plan.Digest); err != nil { // another run moved on
			return err
		}
	}
	return nil
}

// commitImport makes the carried leases live and marks the import done,
// if no grant happened since tok and the import was not applied; ok is
// false (and the etcd leases granted here are revoked) when a grant came
// first, already true when another run applied it.
func (s *Store) commitImport(ctx context.Context, plan store.ImportPlan, tok store.Token, now time.Time) (ok, already bool, err error) {
	seen, _ := tok.(int64)
	mk, err := json.Marshal(marker{Records: len(plan.Records), Leases: len(plan.Carried), ImportedAt: lease.FormatStamp(now)})
	if err != nil {
		return false, false, err
	}
	done := s.key("imports/", plan.Digest)
	ops := []clientv3.Op{clientv3.OpPut(done, string(mk)), clientv3.OpDelete(s.key("importing/", plan.Digest))}
	var granted []clientv3.LeaseID
	revokeAll := func() {
		for _, id := range granted {
			s.revoke(ctx, id)
		}
	}
	for _, l := range plan.Carried {
		if l.LeaseID == "" {
			l.LeaseID = store.NewLeaseID(now)
		}
		c, cancel := s.op(ctx)
		g, err := s.cli.Grant(c, s.ttl(l))
		cancel()
		if err != nil {
			revokeAll()
			return false, false, s.unavailable("grant an etcd lease", err)
		}
		granted = append(granted, g.ID)
		val, err := json.Marshal(entry{Lease: l, EtcdLease: int64(g.ID), EtcdTTL: s.ttl(l)})
		if err != nil {
			revokeAll()
			return false, false, err
		}
		ops = append(ops, clientv3.OpPut(s.key("lease/", l.LeaseID), string(val), clientv3.WithLease(g.ID)),
			clientv3.OpPut(s.key("holder/", l.LeaseID), l.Holder, clientv3.WithLease(g.ID)),
			clientv3.OpPut(s.key("held/", l.LeaseID), string(val)))
	}
	if len(plan.Carried) > 0 {
		ops = append(ops, clientv3.OpPut(s.key("gate"), "import "+plan.Digest[:16]))
	}
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Txn(c).If(
		clientv3.Compare(clientv3.CreateRevision(done), "=", 0),
		clientv3.Compare(clientv3.ModRevision(s.key("gate")), "=", seen),
	).Then(ops...).Else(clientv3.OpGet(done, clientv3.WithCountOnly())).Commit()
	if err != nil {
		revokeAll()
		return false, false, s.unavailable("commit the import", err)
	}
	if resp.Succeeded {
		return true, false, nil
	}
	revokeAll()
	return false, resp.Responses[0].GetResponseRange().Count > 0, nil
}

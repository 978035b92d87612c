package etcdstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"go.etcd.io/etcd/api/v3/mvccpb"
	"go.etcd.io/etcd/api/v3/v3rpc/rpctypes"
	clientv3 "go.etcd.io/etcd/client/v3"

	"github.com/dispatchos/dos/kernel/lease"
	"github.com/dispatchos/dos/state/journal"
	"github.com/dispatchos/dos/state/lock"
	"github.com/dispatchos/dos/state/store"
)

// compactAttempts bounds the rounds of a compaction that lost a race with
// another compaction; each lost round waits a random while that grows
// with the rounds ([store.Pause]) so racing compactions spread out.
const compactAttempts = 16

// deleteBatch bounds the keys one delete transaction names (etcd refuses
// a transaction of more than --max-txn-ops operations, 128 by default).
const deleteBatch = 100

// archiveWait bounds the wait for the archive's compaction lock, which
// its holder keeps for one round (a read, an archive append, a
// transaction, the deletes).
const archiveWait = 30 * time.Second

// Compact folds every event but the newest opts.Keep into the checkpoint
// key, in one transaction conditioned on the checkpoint being the one
// read (so two compactions cannot interleave), then deletes the folded
// events and compacts etcd's history up to that revision, so the space of
// their old versions is freed too. Readers ignore an event at or below
// the checkpoint's watermark, so the fold is the same before, during and
// after the deletes; a delete that fails is retried by the next
// compaction. Keep never splits the events one transaction wrote. A
// _CORRUPT record among the folded ones is written again after the
// checkpoint, as the file journal keeps its sentinels.
//
// With opts.Archive set, each round runs under an flock on
// <archive>.lock, so compactions sharing an archive take turns (a round
// that archived never loses its transaction to one of them), and the
// folded records up to the archive's last line are not appended again (a
// compaction that died between its append and its transaction).
func (s *Store) Compact(ctx context.Context, opts store.CompactOptions) (store.CompactResult, error) {
	if opts.Keep < 0 {
		return store.CompactResult{}, store.ErrNegativeKeep
	}
	for attempt := range compactAttempts {
		if attempt > 0 && !store.Pause(ctx, attempt) {
			return store.CompactResult{}, ctx.Err()
		}
		res, ok, err := s.compactRound(ctx, opts)
		if err != nil || ok {
			return res, err
		}
	}
	return store.CompactResult{}, fmt.Errorf("etcd: journal compaction lost to another compaction %d times: %w", compactAttempts, store.ErrBusy)
}

// compactRound is one round of [Store.Compact]; ok is false when another
// compaction wrote the checkpoint first.
func (s *Store) compactRound(ctx context.Context, opts store.CompactOptions) (res store.CompactResult, ok bool, err error) {
	if opts.Archive != "" {
		fl, err := lock.AcquireFlock(ctx, opts.Archive+".lock", archiveWait)
		if err != nil {
			return res, false, fmt.Errorf("compact: archive: %w", err)
		}
		defer fl.Release()
	}
	v, evs, err := s.readRecords(ctx, true)
	if err != nil {
		return res, false, err
	}
	res = store.CompactResult{EntriesBefore: len(evs), EntriesAfter: len(evs)}
	n := len(v.events) - opts.Keep
	if n <= 0 { // nothing to fold; clear what an earlier compaction left
		_, err := s.deleteKeys(ctx, v.stale)
		return res, true, err
	}
	for n < len(v.events) && v.events[n].ModRevision == v.events[n-1].ModRevision {
		n++
	}
	folded := evs[:len(evs)-len(v.events)+n]
	ok, written, err := s.writeCheckpoint(ctx, v, folded, v.events[n-1].ModRevision, opts.Archive)
	if err != nil || !ok {
		return res, false, err
	}
	freed := int64(0)
	if v.cp != nil {
		freed += int64(len(v.cp.Value))
	}
	for _, kv := range v.events[:n] {
		freed += int64(len(kv.Value))
	}
	res.BytesReclaimed = freed - written.bytes
	res.EntriesAfter = 1 + written.corrupt + len(v.events) - n
	rev, err := s.deleteKeys(ctx, append(v.stale, v.events[:n]...))
	if err != nil {
		return res, true, err
	}
	return res, true, s.compactHistory(ctx, max(rev, written.rev))
}

// written is what a checkpoint transaction wrote.
type written struct {
	rev     int64
	bytes   int64
	corrupt int
}

// writeCheckpoint writes the CHECKPOINT of folded (watermark cut) and the
// _CORRUPT records among them again after it, if the checkpoint key is
// still the one v read; ok is false when another compaction came first.
// With archive set, the folded records are appended to that file first,
// but for those up to the archive's last line (see [unarchived]).
func (s *Store) writeCheckpoint(ctx context.Context, v view, folded []store.Event, cut int64, archive string) (bool, written, error) {
	var w written
	live, gens, err := s.fold(folded, v.leases)
	if err != nil {
		return false, w, err
	}
	top := cut
	for _, g := range gens {
		top = max(top, g.Generation)
	}
	cp, err := journal.EncodeRecord(map[string]any{
		"op": lease.OpCheckpoint, "leases": live, "generations": gens,
		"seq_watermark": cut, "generation_watermark": top,
	})
	if err != nil {
		return false, w, err
	}
	ops := []clientv3.Op{clientv3.OpPut(s.key("checkpoint"), string(cp))}
	w.bytes = int64(len(cp))
	now := time.Now()
	var lines bytes.Buffer
	for _, e := range folded {
		lines.Write(e.Line)
		lines.WriteByte('\n')
		if e.Record.Op != lease.OpCorrupt {
			continue
		}
		b, err := store.Normalize(e.Line)
		if err != nil {
			return false, w, err
		}
		ops = append(ops, clientv3.OpPut(s.eventKey(now.Add(time.Duration(w.corrupt))), string(b)))
		w.corrupt++
		w.bytes += int64(len(b))
	}
	if archive != "" {
		if err := journal.AppendArchive(archive, bytes.NewReader(unarchived(lines.Bytes(), journal.LastArchived(archive)))); err != nil {
			return false, w, fmt.Errorf("compact: archive: %w", err)
		}
	}
	var seen int64
	if v.cp != nil {
		seen = v.cp.ModRevision
	}
	c, cancel := s.op(ctx)
	defer cancel()
	resp, err := s.cli.Txn(c).If(clientv3.Compare(clientv3.ModRevision(s.key("checkpoint")), "=", seen)).Then(ops...).Commit()
	if err != nil {
		return false, w, s.unavailable("write the journal checkpoint", err)
	}
	w.rev = resp.Header.Revision
	return resp.Succeeded, w, nil
}

// deleteKeys deletes kvs, deleteBatch keys a transaction, and returns the
// revision of the last delete.
func (s *Store) deleteKeys(ctx context.Context, kvs []*mvccpb.KeyValue) (int64, error) {
	var rev int64
	for len(kvs) > 0 {
		batch := kvs[:min(len(kvs), deleteBatch)]
		kvs = kvs[len(batch):]
		ops := make([]clientv3.Op, len(batch))
		for i, kv := range batch {
			ops[i] = clientv3.OpDelete(string(kv.Key))
		}
		c, cancel := s.op(ctx)
		resp, err := s.cli.Txn(c).Then(ops...).Commit()
		cancel()
		if err != nil {
			return rev, s.unavailable("delete folded journal events (the next compaction deletes them)", err)
		}
		rev = resp.Header.Revision
	}
	return rev, nil
}

// compactHistory compacts etcd's key history up to rev. History already
// compacted past rev is fine.
func (s *Store) compactHistory(ctx context.Context, rev int64) error {
	if rev <= 0 {
		return nil
	}
	c, cancel := s.op(ctx)
	defer cancel()
	if _, err := s.cli.Compact(c, rev); err != nil && !errors.Is(err, rpctypes.ErrCompacted) {
		return s.unavailable("compact the history", err)
	}
	return nil
}

// unarchived is lines (folded records, one a line) without those up to
// and including the one equal to last, the archive's last line: a
// compaction that appended them and died before its transaction left
// them in the archive and in the journal. Every event line carries its
// revision as seq, so an equal line is the same record.
func unarchived(lines, last []byte) []byte {
	if last == nil {
		return lines
	}
	rest := lines
	for len(rest) > 0 {
		line, next, _ := bytes.Cut(rest, []byte("\n"))
		if bytes.Equal(line, last) {
			return next
		}
		rest = next
	}
	return lines
}

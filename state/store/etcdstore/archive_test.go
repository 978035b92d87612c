//go:build etcd

package etcdstore

import (
	"context"
	"testing"
	"time"
)

// ArchiveHolder names whoever holds the archive lock, through the mutex
// of LockArchive as through TryArchive's key, and nobody once it is free.
func TestArchiveHolder(t *testing.T) {
	c := startCluster(t, 1)
	s := open(t, c.endpoints, "")
	ctx := context.Background()
	if who, ok, err := s.ArchiveHolder(ctx); who != "" || ok || err != nil {
		t.Fatalf("free lock: %q %v %v", who, ok, err)
	}
	l, err := s.LockArchive(ctx, "alice", 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if who, ok, err := s.ArchiveHolder(ctx); who != "alice" || !ok || err != nil {
		t.Fatalf("held by alice: %q %v %v", who, ok, err)
	}
	if err := l.Unlock(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TryArchive(ctx, "bob", 1, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	if who, ok, err := s.ArchiveHolder(ctx); who != "bob" || !ok || err != nil {
		t.Fatalf("held by bob: %q %v %v", who, ok, err)
	}
	if _, err := s.ReleaseArchive(ctx, "bob", false); err != nil {
		t.Fatal(err)
	}
	if who, ok, err := s.ArchiveHolder(ctx); who != "" || ok || err != nil {
		t.Fatalf("released: %q %v %v", who, ok, err)
	}
}

// Command reflock holds a lane-lease lock file the way the reference tool
// (the Python dos-kernel) does, for the mixed-fleet tests: create it with
// O_CREAT|O_EXCL, write the three-line body, hold it, delete it if it is
// still ours. It is a test helper, not part of dos.
//
//	reflock <path> <owner> <retries>
//
// On success it prints "held" and holds the lock until its stdin closes,
// then releases it and prints "released". A lock held by someone else is
// retried <retries> times, 0.2 s apart; a lock older than 300 s is
// stolen by the reference's value-keyed protocol. Exhausted: it prints
// "busy <holder>" and exits 4.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

const stamp = "2006-01-02T15:04:05Z"

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: reflock <path> <owner> <retries>")
		os.Exit(2)
	}
	path, owner := os.Args[1], os.Args[2]
	retries, _ := strconv.Atoi(os.Args[3])
	body := fmt.Sprintf("owner: %s\nacquired_at: %s\npid: %d\n", owner, time.Now().UTC().Format(stamp), os.Getpid())
	for try := 0; ; try++ {
		if create(path, body) == nil {
			break
		}
		cur := parse(path)
		if cur["owner"] == owner {
			break // the reference is re-entrant by owner string
		}
		if t, err := time.Parse(stamp, cur["acquired_at"]); err == nil && time.Since(t) > 300*time.Second && steal(path, cur, body) {
			break
		}
		if try >= retries {
			fmt.Println("busy", cur["owner"])
			os.Exit(4)
		}
		time.Sleep(200 * time.Millisecond)
	}
	fmt.Println("held")
	io.Copy(io.Discard, os.Stdin)
	if parse(path)["owner"] == owner {
		os.Remove(path)
	}
	fmt.Println("released")
}

// create is the reference's O_CREAT|O_EXCL create, then write.
func create(path, body string) error {
	os.MkdirAll(filepath.Dir(path), 0o755)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	f.WriteString(body)
	return f.Close()
}

func parse(path string) map[string]string {
	m := map[string]string{}
	b, _ := os.ReadFile(path)
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok {
			m[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return m
}

// steal is the reference's value-keyed compare-and-swap.
func steal(path string, seen map[string]string, body string) bool {
	grab := filepath.Join(filepath.Dir(path), fmt.Sprintf(".%s.steal.%d.%d", filepath.Base(path), os.Getpid(), time.Now().UnixNano()))
	if os.Rename(path, grab) != nil {
		return false
	}
	got := parse(grab)
	if got["owner"] != seen["owner"] || got["acquired_at"] != seen["acquired_at"] {
		if os.Rename(grab, path) != nil {
			os.Remove(grab)
		}
		return false
	}
	os.Remove(grab)
	err := create(path, body)
	return err == nil
}

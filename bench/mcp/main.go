// Command mcp benchmarks dos-mcp as a host sees it, on a generated history
// (-commits, default 10,000) with a warm verify index:
//
//	session      start dos-mcp, initialize, tools/list, one dos_verify call,
//	             as one whole process (to the verify answer, and to exit
//	             once stdin closes)
//	steady hit   one dos_verify call (a phase that shipped) on a server that
//	             is already up, -calls times in a row
//	steady miss  the same for a phase that never shipped
//
// beside the CLI doing the same verify as a process and the process floor
// (dos version). It prints medians. Run it with bench/mcp/run.sh.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"github.com/dispatchos/dos/bench/internal/gobuild"
	"github.com/dispatchos/dos/bench/internal/histgen"
	"github.com/dispatchos/dos/bench/internal/sidebyside"
)

func main() {
	commits := flag.Int("commits", 10000, "commits in the generated history")
	rounds := flag.Int("rounds", 21, "whole sessions timed")
	calls := flag.Int("calls", 100, "calls timed on one server")
	dir := flag.String("dir", "", "where to build the repository and binaries (default: a temp dir, kept)")
	flag.Parse()
	log.SetFlags(0)
	var err error
	*dir, err = histgen.Workdir(*dir, "mcp")
	check(err)
	repo, err := histgen.Repo(*dir, *commits)
	check(err)
	dos, server := filepath.Join(*dir, "dos"), filepath.Join(*dir, "dos-mcp")
	for bin, pkg := range map[string]string{dos: "./cmd/dos", server: "./cmd/dos-mcp"} {
		check(gobuild.Bin("", bin, pkg))
	}
	out, _ := exec.Command(dos, "verify", "BENCH", "BENCH7", "--workspace", repo).Output()
	log.Printf("warm index: dos verify BENCH BENCH7 -> %s", out)

	var toAnswer, toExit []time.Duration
	for range *rounds {
		a, e := session(server, repo)
		toAnswer, toExit = append(toAnswer, a), append(toExit, e)
	}
	hit, miss := steady(server, repo, *calls)
	stats, err := sidebyside.Run([]sidebyside.Cmd{
		{Name: "dos verify (CLI process, warm)", Argv: []string{dos, "verify", "BENCH", "BENCH7", "--workspace", repo}},
		{Name: "dos version (process floor)", Argv: []string{dos, "version"}},
	}, *rounds)
	check(err)

	fmt.Printf("\ndos-mcp on %d commits, warm index; medians (min)\n", *commits)
	row := func(name string, ds []time.Duration) {
		s := slices.Clone(ds)
		slices.Sort(s)
		fmt.Printf("%-52s %10s %10s\n", name, ms(s[len(s)/2]), ms(s[0]))
	}
	row(fmt.Sprintf("session: start..initialize..tools/list..dos_verify (%d)", *rounds), toAnswer)
	row("session, to process exit", toExit)
	row(fmt.Sprintf("steady dos_verify hit, one server (%d calls)", *calls), hit)
	row(fmt.Sprintf("steady dos_verify miss, one server (%d calls)", *calls), miss)
	for _, s := range stats {
		fmt.Printf("%-52s %10s %10s\n", s.Name, ms(s.Median), ms(s.Min))
	}
}

// conn is one dos-mcp process spoken to in JSON-RPC lines.
type conn struct {
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
	id  int
}

func open(server, repo string) *conn {
	cmd := exec.Command(server)
	cmd.Dir, cmd.Stderr = repo, io.Discard
	in, err := cmd.StdinPipe()
	check(err)
	out, err := cmd.StdoutPipe()
	check(err)
	check(cmd.Start())
	return &conn{cmd: cmd, in: in, out: bufio.NewReaderSize(out, 1<<16)}
}

// ask sends a request and reads lines until its answer.
func (c *conn) ask(method string, params any) map[string]any {
	c.id++
	b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": c.id, "method": method, "params": params})
	_, err := c.in.Write(append(b, '\n'))
	check(err)
	for {
		line, err := c.out.ReadBytes('\n')
		check(err)
		var m map[string]any
		check(json.Unmarshal(line, &m))
		if m["id"] == float64(c.id) {
			if m["error"] != nil {
				log.Fatalf("%s: %v", method, m["error"])
			}
			return m["result"].(map[string]any)
		}
	}
}

func (c *conn) notify(method string) {
	b, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": method})
	_, err := c.in.Write(append(b, '\n'))
	check(err)
}

func (c *conn) handshake() {
	c.ask("initialize", map[string]any{"protocolVersion": "2025-11-25", "capabilities": map[string]any{},
		"clientInfo": map[string]any{"name": "bench", "version": "1"}})
	c.notify("notifications/initialized")
}

func (c *conn) verify(phase string, wantShipped bool) {
	r := c.ask("tools/call", map[string]any{"name": "dos_verify", "arguments": map[string]any{"plan": "BENCH", "phase": phase}})
	sc, _ := r["structuredContent"].(map[string]any)
	if sc["shipped"] != wantShipped {
		log.Fatalf("dos_verify %s: %v", phase, r)
	}
}

// session times one whole host session: to the verify answer, and to the
// process's exit after stdin closes.
func session(server, repo string) (toAnswer, toExit time.Duration) {
	start := time.Now()
	c := open(server, repo)
	c.handshake()
	tools := c.ask("tools/list", map[string]any{})
	if len(tools["tools"].([]any)) == 0 {
		log.Fatal("tools/list is empty")
	}
	c.verify("BENCH7", true)
	toAnswer = time.Since(start)
	c.in.Close()
	check(c.cmd.Wait())
	return toAnswer, time.Since(start)
}

// steady times n verify calls of each kind on one server.
func steady(server, repo string, n int) (hit, miss []time.Duration) {
	c := open(server, repo)
	c.handshake()
	for range 5 { // warm the process's caches
		c.verify("BENCH7", true)
	}
	for range n {
		t := time.Now()
		c.verify("BENCH7", true)
		hit = append(hit, time.Since(t))
		t = time.Now()
		c.verify("BENCH8", false)
		miss = append(miss, time.Since(t))
	}
	c.in.Close()
	check(c.cmd.Wait())
	return hit, miss
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

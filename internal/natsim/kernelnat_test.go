package natsim_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// The kernel-NAT test builds, in network namespaces of its own, a client,
// a Linux router that masquerades the client behind its own address, and a
// server:
//
//	client ns            router ns                      server ns
//	c0 10.213.1.2 <-> r0 10.213.1.1 | r1 10.213.2.1 <-> s0 10.213.2.2
//
// The router's conntrack forgets an established TCP flow after
// knatConntrackTimeout (the sysctl is per network namespace; the host's is
// not touched). With nf_conntrack_tcp_loose=0 a mid-stream packet of a
// forgotten flow is invalid instead of being picked up again, and the
// router answers it with an RST, as an AWS NAT Gateway does. The server has
// no route to the client's network, so only masqueraded traffic reaches it.
//
// Go code runs in a namespace by re-executing the test binary under
// `ip netns exec`, with knatRoleEnv telling TestMain which helper to run.
const (
	knatRoleEnv          = "NATSIM_KERNEL_NAT_ROLE"
	knatConntrackTimeout = 2 // seconds, nf_conntrack_tcp_timeout_established in the router
	knatIdle             = 3500 * time.Millisecond
	knatKeepAlive        = time.Second // TCP_KEEPIDLE and TCP_KEEPINTVL have 1 s granularity
	knatServerAddr       = "10.213.2.2:8080"
)

var knatSeq atomic.Int64

// knatResult is what a client helper reports on stdout.
type knatResult struct {
	FirstErr  string `json:"first_err"`
	SecondErr string `json:"second_err"`
	Reset     bool   `json:"reset"`  // errors.Is(second error, ECONNRESET)
	Reused    bool   `json:"reused"` // the second request reused the first connection
}

// TestKernelNATKeepalive shows, with a real Linux NAT, what the loopback
// relay cannot: TCP keepalive probes (no payload) keep a conntrack mapping
// alive through an idle period longer than its timeout; without them the
// next POST on the pooled connection is reset.
func TestKernelNATKeepalive(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("kernel NAT test: Linux only")
	}
	if testing.Short() {
		t.Skip("kernel NAT test: skipped in -short mode (takes about 5 s)")
	}
	if os.Geteuid() != 0 {
		t.Skip("kernel NAT test: needs root (network namespaces, nftables)")
	}
	for _, tool := range []string{"ip", "nft", "sh"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("kernel NAT test: %s not found; on Debian: apt-get install iproute2 nftables", tool)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skipf("kernel NAT test: cannot find the test binary: %v", err)
	}
	t.Parallel()

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	run := func(stdin string, args ...string) error {
		cctx, ccancel := context.WithTimeout(ctx, 10*time.Second)
		defer ccancel()
		cmd := exec.CommandContext(cctx, args[0], args[1:]...)
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s: %v: %s", strings.Join(args, " "), err, out)
		}
		return nil
	}

	prefix := fmt.Sprintf("natsim-%d-%d-", os.Getpid(), knatSeq.Add(1))
	cns, rns, sns := prefix+"c", prefix+"r", prefix+"s"
	for i, ns := range []string{cns, rns, sns} {
		if err := run("", "ip", "netns", "add", ns); err != nil {
			if i == 0 {
				t.Skipf("kernel NAT test: cannot create a network namespace: %v", err)
			}
			t.Fatal(err)
		}
		t.Cleanup(func() {
			// Not ctx: clean up even after it expired.
			out, err := exec.Command("ip", "netns", "del", ns).CombinedOutput()
			if err != nil {
				t.Errorf("ip netns del %s: %v: %s", ns, err, out)
			}
		})
	}
	steps := [][]string{
		{"ip", "-n", rns, "link", "add", "r0", "type", "veth", "peer", "name", "c0", "netns", cns},
		{"ip", "-n", rns, "link", "add", "r1", "type", "veth", "peer", "name", "s0", "netns", sns},
		{"ip", "-n", cns, "addr", "add", "10.213.1.2/24", "dev", "c0"},
		{"ip", "-n", cns, "link", "set", "c0", "up"},
		{"ip", "-n", cns, "link", "set", "lo", "up"},
		{"ip", "-n", cns, "route", "add", "default", "via", "10.213.1.1"},
		{"ip", "-n", rns, "addr", "add", "10.213.1.1/24", "dev", "r0"},
		{"ip", "-n", rns, "addr", "add", "10.213.2.1/24", "dev", "r1"},
		{"ip", "-n", rns, "link", "set", "r0", "up"},
		{"ip", "-n", rns, "link", "set", "r1", "up"},
		{"ip", "-n", rns, "link", "set", "lo", "up"},
		{"ip", "-n", sns, "addr", "add", "10.213.2.2/24", "dev", "s0"},
		{"ip", "-n", sns, "link", "set", "s0", "up"},
		{"ip", "-n", sns, "link", "set", "lo", "up"},
	}
	for _, s := range steps {
		if err := run("", s...); err != nil {
			t.Fatal(err)
		}
	}
	ruleset := `table ip natsim {
	chain postnat { type nat hook postrouting priority srcnat; oifname "r1" masquerade; }
	chain filt { type filter hook forward priority filter; ct state invalid meta l4proto tcp reject with tcp reset; }
}
`
	if err := run(ruleset, "ip", "netns", "exec", rns, "nft", "-f", "-"); err != nil {
		t.Skipf("kernel NAT test: nftables NAT not available: %v", err)
	}
	sysctl := fmt.Sprintf("echo 1 > /proc/sys/net/ipv4/ip_forward && "+
		"echo %d > /proc/sys/net/netfilter/nf_conntrack_tcp_timeout_established && "+
		"echo 0 > /proc/sys/net/netfilter/nf_conntrack_tcp_loose", knatConntrackTimeout)
	if err := run("", "ip", "netns", "exec", rns, "sh", "-c", sysctl); err != nil {
		t.Skipf("kernel NAT test: cannot set the router's sysctls: %v", err)
	}

	// The server.
	srv := startHelper(ctx, t, exe, sns, "server")
	ready := make(chan error, 1)
	go func() {
		line, err := bufio.NewReader(srv.stdout).ReadString('\n')
		if err == nil && line != "READY\n" {
			err = fmt.Errorf("server helper said %q", line)
		}
		ready <- err
		io.Copy(io.Discard, srv.stdout)
	}()
	select {
	case err := <-ready:
		if err != nil {
			t.Fatalf("server helper: %v; stderr: %s", err, srv.stderr.String())
		}
	case <-ctx.Done():
		t.Fatal("server helper not ready in time")
	}

	// Two clients at once, through the same router.
	var wg sync.WaitGroup
	results := map[string]knatResult{}
	errs := map[string]error{}
	var mu sync.Mutex
	for _, role := range []string{"client-keepalive", "client-no-keepalive"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := startHelper(ctx, t, exe, cns, role)
			out, _ := io.ReadAll(h.stdout)
			werr := h.cmd.Wait()
			var res knatResult
			err := json.Unmarshal(bytes.TrimSpace(out), &res)
			if werr != nil || err != nil {
				err = fmt.Errorf("helper %s: exit %v, output %q, stderr %q", role, werr, out, h.stderr.String())
			}
			mu.Lock()
			results[role], errs[role] = res, err
			mu.Unlock()
		}()
	}
	wg.Wait()
	for role, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %+v", role, results[role])
	}

	ka, noka := results["client-keepalive"], results["client-no-keepalive"]
	if ka.FirstErr != "" || noka.FirstErr != "" {
		t.Fatalf("first POST failed: keepalive %q, no keepalive %q", ka.FirstErr, noka.FirstErr)
	}
	if ka.SecondErr != "" || !ka.Reused {
		t.Errorf("with TCP keepalive every %v, the POST after %v idle (conntrack timeout %ds): error %q, reused %v; want success on the same connection",
			knatKeepAlive, knatIdle, knatConntrackTimeout, ka.SecondErr, ka.Reused)
	}
	if noka.SecondErr == "" || !noka.Reset || !noka.Reused {
		t.Errorf("without keepalive, the POST after %v idle: error %q (reset %v, reused %v); want connection reset on the reused connection",
			knatIdle, noka.SecondErr, noka.Reset, noka.Reused)
	}
}

type helperProc struct {
	cmd    *exec.Cmd
	stdout io.Reader
	stderr *bytes.Buffer
}

// startHelper runs the test binary as helper role inside network namespace
// ns; it is killed when ctx ends or the test is cleaned up.
func startHelper(ctx context.Context, t *testing.T, exe, ns, role string) *helperProc {
	cmd := exec.CommandContext(ctx, "ip", "netns", "exec", ns, exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), knatRoleEnv+"="+role)
	cmd.WaitDelay = 5 * time.Second
	h := &helperProc{cmd: cmd, stderr: &bytes.Buffer{}}
	cmd.Stderr = h.stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Error(err)
		return h
	}
	h.stdout = stdout
	stdin, err := cmd.StdinPipe() // closed at cleanup: helpers exit on stdin EOF
	if err != nil {
		t.Error(err)
		return h
	}
	if err := cmd.Start(); err != nil {
		t.Errorf("start helper %s: %v", role, err)
		h.stdout = strings.NewReader("")
		return h
	}
	t.Cleanup(func() {
		stdin.Close()
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	return h
}

// kernelNATHelper is the body of a helper process; it returns the exit code.
func kernelNATHelper(role string) int {
	// Never outlive the parent: exit when stdin closes, or after 30 s.
	go func() {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(3)
	}()
	time.AfterFunc(30*time.Second, func() { os.Exit(4) })

	switch role {
	case "server":
		ln, err := net.Listen("tcp", knatServerAddr)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		fmt.Println("READY")
		http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			io.WriteString(w, "ok")
		}))
		return 1
	case "client-keepalive", "client-no-keepalive":
		// Without keepalive: the incident module's own transport
		// (incident_test.go): IdleConnTimeout 0, so the connection stays
		// pooled, and egress.Dialer's KeepAlive: -1.
		tr := incidentTransport(knatServerAddr)
		if role == "client-keepalive" {
			// The same, dialing with Go's default keepalive scaled down
			// (a zero net.Dialer probes after 15 s, every 15 s).
			d := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: knatKeepAlive,
				KeepAliveConfig: net.KeepAliveConfig{Enable: true, Idle: knatKeepAlive, Interval: knatKeepAlive, Count: 5}}
			tr.DialContext = d.DialContext
		}
		c := &http.Client{Transport: tr, Timeout: 10 * time.Second}
		defer c.CloseIdleConnections()
		post := func(body string) (reused bool, err error) {
			ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{
				GotConn: func(i httptrace.GotConnInfo) { reused = i.Reused },
			})
			req, err := http.NewRequestWithContext(ctx, "POST", "http://"+knatServerAddr+"/pay", strings.NewReader(body))
			if err != nil {
				return false, err
			}
			resp, err := c.Do(req)
			if err != nil {
				return reused, err
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			if err == nil && string(b) != "ok" {
				err = fmt.Errorf("body %q", b)
			}
			return reused, err
		}
		var res knatResult
		if _, err := post("amount=1"); err != nil {
			res.FirstErr = err.Error()
		} else {
			time.Sleep(knatIdle)
			reused, err := post("amount=2")
			res.Reused = reused
			if err != nil {
				res.SecondErr = err.Error()
				res.Reset = errors.Is(err, syscall.ECONNRESET)
			}
		}
		json.NewEncoder(os.Stdout).Encode(res)
		return 0
	}
	fmt.Fprintf(os.Stderr, "unknown helper role %q\n", role)
	return 2
}

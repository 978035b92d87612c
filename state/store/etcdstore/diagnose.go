package etcdstore

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// diagnoseFor bounds the dials of one diagnosis.
const diagnoseFor = time.Second

// transient reports whether err is the client giving up on reaching the
// cluster (a deadline, or no connection): the etcd client then says only
// "context deadline exceeded", and the cause is found by dialing.
func transient(err error) bool {
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	s, ok := status.FromError(err)
	return ok && (s.Code() == codes.Unavailable || s.Code() == codes.DeadlineExceeded)
}

// diagnose dials every endpoint as the client would (TCP, then TLS for an
// https endpoint) and says what failed, one "endpoint: reason" per
// endpoint that failed; empty when every endpoint answered.
func (s *Store) diagnose() string {
	probs := make([]string, len(s.cfg.Endpoints))
	var wg sync.WaitGroup
	for i, ep := range s.cfg.Endpoints {
		wg.Go(func() {
			if err := s.dial(ep); err != nil {
				probs[i] = ep + ": " + err.Error()
			}
		})
	}
	wg.Wait()
	var out []string
	for _, p := range probs {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "; ")
}

// dial opens one connection to ep like the client and reads briefly: for
// TLS after the handshake, to see a server refusing the client's
// certificate (it says so only then); for plain http after the HTTP/2
// preface, to see a TLS-only server hang up.
func (s *Store) dial(ep string) error {
	u, err := url.Parse(ep)
	if err != nil {
		return err
	}
	d := net.Dialer{Timeout: diagnoseFor}
	if u.Scheme != "https" {
		c, err := d.Dial("tcp", u.Host)
		if err != nil {
			return err
		}
		defer c.Close()
		c.SetDeadline(time.Now().Add(diagnoseFor / 4))
		c.Write([]byte("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"))
		var b [1]byte
		if _, err := c.Read(b[:]); errors.Is(err, io.EOF) {
			return errors.New("closed the connection on a plain-text request (does it serve TLS only? use https:// and set ca_file)")
		}
		return nil
	}
	cfg := &tls.Config{}
	if s.tls != nil {
		cfg = s.tls.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = u.Hostname()
	}
	cfg.NextProtos = []string{"h2"}
	c, err := tls.DialWithDialer(&d, "tcp", u.Host, cfg)
	if err != nil {
		return explainTLS(err)
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(diagnoseFor / 4))
	var b [1]byte
	if _, err := c.Read(b[:]); err != nil && !errors.Is(err, os.ErrDeadlineExceeded) {
		return explainTLS(err)
	}
	return nil
}

// explainTLS adds to a TLS failure which [fleet] setting to look at.
func explainTLS(err error) error {
	var ua x509.UnknownAuthorityError
	var host x509.HostnameError
	switch {
	case errors.As(err, &ua):
		return fmt.Errorf("%w (the server's certificate is not signed by the CA of ca_file)", err)
	case errors.As(err, &host):
		return fmt.Errorf("%w (the server's certificate does not name the endpoint's host)", err)
	case strings.Contains(err.Error(), "remote error: tls:"):
		return fmt.Errorf("%w (the server refused the client certificate: check cert_file and key_file)", err)
	}
	return err
}

package inventory

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"
)

const (
	// DefaultNetBoxTokenEnv holds the NetBox API token.
	DefaultNetBoxTokenEnv = "FWAUDIT_NETBOX_TOKEN"
	netboxDevicesPath     = "/api/dcim/devices/"
	netboxMaxPages        = 10000
	netboxDefaultTimeout  = 2 * time.Minute
)

// netboxClient pages through /api/dcim/devices/.
type netboxClient struct {
	first   *url.URL
	display string // the URL without query, for messages
	token   string
	env     string // the variable the token came from
	timeout time.Duration
	http    *http.Client
	log     *slog.Logger
}

func newNetBoxClient(s sourceSpec, opts LoadOptions) (*netboxClient, error) {
	u, err := url.Parse(s.loc)
	if err != nil {
		return nil, fmt.Errorf("bad URL: %w", err)
	}
	if u.User != nil {
		return nil, fmt.Errorf("credentials in the URL are not accepted; put the API token in $%s", DefaultNetBoxTokenEnv)
	}
	if !strings.Contains(u.Path, "/api/dcim/devices") {
		u.Path = strings.TrimSuffix(u.Path, "/") + netboxDevicesPath
	}
	q := url.Values{}
	for k, v := range s.params {
		if !slices.Contains(netboxOptions, k) && !slices.Contains([]string{"allow_plaintext_credentials", "platform_map", "defaults"}, k) {
			q[k] = v // a NetBox filter: site=dc1, tag=pci, role=core…
		}
	}
	q.Set("status", "active")
	if st := s.params["status"]; len(st) > 0 {
		q["status"] = st
	}
	q.Set("limit", cmpOr(s.params.Get("limit"), "100"))
	u.RawQuery = q.Encode()
	c := &netboxClient{first: u, timeout: netboxDefaultTimeout, log: opts.Logger}
	c.display = (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
	if t := s.params.Get("timeout"); t != "" {
		if c.timeout, err = time.ParseDuration(t); err != nil || c.timeout <= 0 {
			return nil, fmt.Errorf("timeout: %s is not a positive duration", quote(t))
		}
	}
	c.env = "$" + cmpOr(s.params.Get("token_env"), DefaultNetBoxTokenEnv)
	if f := s.params.Get("token_file"); f != "" { // e.g. systemd LoadCredential=
		tok, err := readSecretFile(f, opts.Logger)
		if err != nil {
			return nil, fmt.Errorf("token_file %s: %s", quote(f), describe(err))
		}
		c.token, c.env = strings.TrimSpace(tok), "token_file"
	} else if tok, ok := opts.Getenv(c.env[1:]); ok && tok != "" {
		c.token = strings.TrimSpace(tok)
	} else {
		opts.Logger.Warn("no NetBox API token; requests are anonymous", "env", c.env)
	}
	if c.token != "" && u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("refusing to send the API token over plain http to %s; use https", quote(u.Host))
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = http.ProxyFromEnvironment
	if ca := s.params.Get("ca_file"); ca != "" {
		pem, err := os.ReadFile(ca)
		if err != nil {
			return nil, fmt.Errorf("ca_file: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("ca_file: no PEM certificate in %s", quote(ca))
		}
		tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	c.http = &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse // a redirect is an error, never a detour for the token
	}}
	return c, nil
}

// devices follows `next` from page to page. A `next` on another scheme or
// host is refused: the token goes only where the user pointed it.
func (c *netboxClient) devices() ([]netboxDevice, error) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	var out []netboxDevice
	u := c.first
	for page := 1; ; page++ {
		if page > netboxMaxPages {
			return nil, fmt.Errorf("more than %d pages", netboxMaxPages)
		}
		p, err := c.pageWithRetry(ctx, u)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", page, err)
		}
		out = append(out, p.Results...)
		c.log.Debug("netbox page", "page", page, "devices", len(p.Results), "count", p.Count)
		if p.Next == nil || *p.Next == "" {
			return out, nil
		}
		next, err := url.Parse(*p.Next)
		if err != nil {
			return nil, fmt.Errorf("page %d: bad next URL: %w", page, err)
		}
		next = u.ResolveReference(next)
		if next.Scheme != c.first.Scheme || next.Host != c.first.Host {
			return nil, fmt.Errorf("page %d: next points to %s, not %s (check NetBox's BASE_URL / proxy headers)",
				page, quote(next.Scheme+"://"+next.Host), quote(c.first.Scheme+"://"+c.first.Host))
		}
		u = next
	}
}

func (c *netboxClient) page(ctx context.Context, u *url.URL) (*netboxPage, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	if c.token != "" {
		scheme := "Token" // v1 tokens; NetBox 4.5+ v2 tokens (nbt_…) use Bearer
		if strings.HasPrefix(c.token, "nbt_") {
			scheme = "Bearer"
		}
		req.Header.Set("Authorization", scheme+" "+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.transportError(ctx, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, c.statusError(resp)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxFile+1))
	if err != nil {
		return nil, c.transportError(ctx, fmt.Errorf("read: %w", err))
	}
	if len(body) > maxFile {
		return nil, fmt.Errorf("%s: a page is larger than %d MiB; lower limit=", c.display, maxFile>>20)
	}
	var p netboxPage
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, fmt.Errorf("%s: json: %w", c.display, err)
	}
	return &p, nil
}

// unwrapURLError drops url.Error's copy of the URL (it is already named).
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

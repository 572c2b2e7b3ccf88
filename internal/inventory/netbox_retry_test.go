package inventory_test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
	"fwaudit/internal/textsafe"
)

// flakyNetBox answers the first len(fail) requests with those responses,
// then hands over to the recorded NetBox. It counts the requests.
func flakyNetBox(t *testing.T, fail ...func(http.ResponseWriter)) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	good := startNetBox(t, false)
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		if i < len(fail) {
			fail[i](w)
			return
		}
		good.Config.Handler.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func status(code int, body string, header ...string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		fmt.Fprint(w, body)
	}
}

func times(n int, f func(http.ResponseWriter)) []func(http.ResponseWriter) {
	out := make([]func(http.ResponseWriter), n)
	for i := range out {
		out[i] = f
	}
	return out
}

const badGateway = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body></html>"

// TestNetBoxRetriesOutages: 429 and 502/503/504 are asked again (with
// backoff, honouring Retry-After) and the load succeeds once NetBox is back.
func TestNetBoxRetriesOutages(t *testing.T) {
	inventory.ShortenNetBoxBackoff(t, time.Millisecond)
	tests := []struct {
		name string
		fail []func(http.ResponseWriter)
	}{
		{"502-twice", times(2, status(http.StatusBadGateway, badGateway))},
		{"503-then-504", []func(http.ResponseWriter){status(http.StatusServiceUnavailable, ""), status(http.StatusGatewayTimeout, "")}},
		{"429-retry-after-0", times(3, status(http.StatusTooManyRequests, `{"detail":"slow down"}`, "Retry-After", "0"))},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv, n := flakyNetBox(t, tc.fail...)
			inv, err := inventory.Load(writeOverlay(t, "netbox+"+srv.URL), inventory.LoadOptions{Getenv: sourceEnv()})
			require.NoError(t, err)
			require.Equal(t, wantFleet, fleet(inv.Devices))
			require.Equal(t, int32(len(tc.fail)+2), n.Load(), "every failure asked again, then two pages")
		})
	}
}

// TestNetBoxUnavailable: an outage that outlasts the retries (or the
// timeout) is ErrSourceUnavailable — exit 2 — not a configuration error,
// with NetBox's own message, cleaned and cut.
func TestNetBoxUnavailable(t *testing.T) {
	inventory.ShortenNetBoxBackoff(t, time.Millisecond)
	refused := func() string { // a loopback port nobody listens on
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		addr := l.Addr().String()
		require.NoError(t, l.Close())
		return "http://" + addr
	}
	hostile := "\x1b[31mboom\x1b[0m " + strings.Repeat("A", 5000)
	tests := []struct {
		name     string
		fail     []func(http.ResponseWriter)
		url      string // instead of a server
		query    string
		requests int32
		want     []string
	}{
		{name: "503-throughout", fail: times(10, status(http.StatusServiceUnavailable, `{"detail": "maintenance"}`)), requests: 4,
			want: []string{"HTTP 503", `NetBox said "{\"detail\": \"maintenance\"}"`, "gave up after 4 attempts"}},
		{name: "502-html-body", fail: times(10, status(http.StatusBadGateway, badGateway)), requests: 4,
			want: []string{`HTTP 502: NetBox said "<html> <head><title>502 Bad Gateway</title></head> <body>`}},
		{name: "500-not-retried", fail: times(10, status(http.StatusInternalServerError, "Server Error")), requests: 1,
			want: []string{`HTTP 500: NetBox said "Server Error"`}},
		{name: "429-retry-after-beyond-timeout", query: "?timeout=2s", requests: 1,
			fail: times(10, status(http.StatusTooManyRequests, "", "Retry-After", "3600")),
			want: []string{"HTTP 429", "no time left to retry within timeout=2s"}},
		{name: "hostile-body", fail: times(10, status(http.StatusBadGateway, hostile)), requests: 4,
			want: []string{`NetBox said "boom AAAA`, "A…"}},
		{name: "connection-refused", url: refused(), want: []string{"connection refused", "gave up after 4 attempts"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			u, n := tc.url, (*atomic.Int32)(nil)
			if u == "" {
				var srv *httptest.Server
				srv, n = flakyNetBox(t, tc.fail...)
				u = srv.URL
			}
			for _, path := range []string{writeOverlay(t, "netbox+"+u+tc.query), "netbox+" + u + tc.query} {
				if n != nil {
					n.Store(0)
				}
				_, err := inventory.Load(path, inventory.LoadOptions{Getenv: sourceEnv()})
				require.ErrorIs(t, err, inventory.ErrSourceUnavailable)
				require.NotErrorIs(t, err, inventory.ErrInvalid, "an outage is not a configuration error")
				for _, w := range tc.want {
					require.ErrorContains(t, err, w)
				}
				require.True(t, textsafe.IsSafe(err.Error()), "%q", err)
				require.Less(t, len(err.Error()), 1000, "the body is cut")
				if n != nil {
					require.Equal(t, tc.requests, n.Load())
				}
			}
		})
	}
}

// TestNetBoxTimeout: a NetBox that accepts and never answers is
// unavailable once the source's timeout is spent.
func TestNetBoxTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	defer srv.Close()
	_, err := inventory.Load("netbox+"+srv.URL+"?timeout=200ms", inventory.LoadOptions{Getenv: sourceEnv()})
	require.ErrorIs(t, err, inventory.ErrSourceUnavailable)
	require.NotErrorIs(t, err, inventory.ErrInvalid)
	require.ErrorContains(t, err, "timeout=200ms")
}

// TestNetBoxClientErrorsStayConfigErrors: a 4xx other than 429 is the
// configuration's fault (exit 3), asked once, with NetBox's message.
func TestNetBoxClientErrorsStayConfigErrors(t *testing.T) {
	inventory.ShortenNetBoxBackoff(t, time.Millisecond)
	tests := []struct {
		name string
		code int
		body string
		want string
	}{
		{"400-bad-filter", http.StatusBadRequest, `{"site": ["Select a valid choice."]}`, `HTTP 400: NetBox said "{\"site\": [\"Select a valid choice.\"]}"`},
		{"403-token", http.StatusForbidden, `{"detail":"Invalid token"}`, `HTTP 403 (check the API token in $FWAUDIT_NETBOX_TOKEN): NetBox said "{\"detail\":\"Invalid token\"}"`},
		{"404-path", http.StatusNotFound, "", "HTTP 404"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv, n := flakyNetBox(t, times(10, status(tc.code, tc.body))...)
			_, err := inventory.Load(writeOverlay(t, "netbox+"+srv.URL), inventory.LoadOptions{Getenv: sourceEnv()})
			require.ErrorIs(t, err, inventory.ErrInvalid)
			require.NotErrorIs(t, err, inventory.ErrSourceUnavailable)
			require.ErrorContains(t, err, tc.want)
			require.Equal(t, int32(1), n.Load(), "not asked again")
		})
	}
}

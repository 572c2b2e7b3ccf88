package inventory_test

import (
	"bytes"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/inventory"
)

const testToken = "0123456789abcdef0123456789abcdef01234567"

// netboxServer serves the recorded /api/dcim/devices/ pages on loopback the
// way NetBox does: token auth, limit/offset paging, next URLs built from
// the request's host. It records the queries it was sent.
type netboxServer struct {
	*httptest.Server
	mu      sync.Mutex
	queries []string
	auth    []string
}

func startNetBox(t *testing.T, tls bool) *netboxServer {
	t.Helper()
	s := &netboxServer{}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.queries = append(s.queries, r.URL.RawQuery)
		s.auth = append(s.auth, r.Header.Get("Authorization"))
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if r.Header.Get("Authorization") != "Token "+testToken {
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"detail":"Invalid token"}`)
			return
		}
		if r.URL.Path != "/api/dcim/devices/" {
			http.NotFound(w, r)
			return
		}
		offset := r.URL.Query().Get("offset")
		if offset == "" {
			offset = "0"
		}
		data, err := os.ReadFile(filepath.Join("testdata", "sources", "netbox", "api", "devices-offset-"+filepath.Base(offset)+".json"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		scheme := "http"
		if r.TLS != nil {
			scheme = "https"
		}
		w.Write(bytes.ReplaceAll(data, []byte("https://netbox.example.net"), []byte(scheme+"://"+r.Host)))
	})
	if tls {
		s.Server = httptest.NewUnstartedServer(h)
		s.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused-CA case logs a handshake error
		s.StartTLS()
	} else {
		s.Server = httptest.NewServer(h)
	}
	t.Cleanup(s.Close)
	return s
}

func writeOverlay(t *testing.T, source string) string {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "fwaudit.yaml")
	body := "defaults:\n  credentials: netops\n  ssh: {host_key_policy: tofu}\n" +
		"credentials:\n  netops: {username: netops, password_env: FWAUDIT_PASSWORD}\n" +
		"sources:\n  - " + source + "\n"
	require.NoError(t, os.WriteFile(p, []byte(body), 0o600))
	return p
}

func TestNetBoxAPI(t *testing.T) {
	srv := startNetBox(t, false)
	base := strings.TrimPrefix(srv.URL, "http://")
	tests := []struct {
		name, source string
		wantQuery    []string
	}{
		{name: "netbox-plus-scheme", source: "netbox+http://" + base,
			wantQuery: []string{"limit=100&status=active", "limit=3&offset=3&status=active"}},
		{name: "devices-url-detected", source: srv.URL + "/api/dcim/devices/?site=dc1&limit=3",
			wantQuery: []string{"limit=3&site=dc1&status=active", "limit=3&offset=3&status=active"}},
		{name: "prefix", source: "netbox:" + srv.URL + "?tag=pci&platform_map=cisco-ios-xe:cisco_iosxe",
			wantQuery: []string{"limit=100&status=active&tag=pci", "limit=3&offset=3&status=active"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv.mu.Lock()
			srv.queries, srv.auth = nil, nil
			srv.mu.Unlock()
			var logs bytes.Buffer
			inv, err := inventory.Load(writeOverlay(t, tc.source), inventory.LoadOptions{Getenv: sourceEnv(),
				Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
			require.NoError(t, err)
			require.Equal(t, wantFleet, fleet(inv.Devices))
			require.Equal(t, []string{"pci"}, inv.Devices[0].Tags)
			require.Equal(t, srv.URL+"/api/dcim/devices/", inv.Devices[0].File)
			require.Equal(t, tc.wantQuery, srv.queries)
			require.NotContains(t, logs.String(), testToken)
		})
	}
}

func TestNetBoxAPITLSWithCAFile(t *testing.T) {
	srv := startNetBox(t, true)
	ca := filepath.Join(t.TempDir(), "ca.pem")
	require.NoError(t, os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600))
	inv, err := inventory.Load(writeOverlay(t, "netbox+"+srv.URL+"?ca_file="+ca), inventory.LoadOptions{Getenv: sourceEnv()})
	require.NoError(t, err)
	require.Len(t, inv.Devices, 6)

	_, err = inventory.Load(writeOverlay(t, "netbox+"+srv.URL), inventory.LoadOptions{Getenv: sourceEnv()})
	require.ErrorContains(t, err, "certificate", "an unknown CA is refused")
}

func TestNetBoxAPIErrors(t *testing.T) {
	srv := startNetBox(t, false)
	t.Run("bad-token", func(t *testing.T) {
		env := getenv(map[string]string{"FWAUDIT_PASSWORD": "pw", "NB": "wrong"})
		_, err := inventory.Load(writeOverlay(t, "netbox+"+srv.URL+"?token_env=NB"), inventory.LoadOptions{Getenv: env})
		require.ErrorContains(t, err, "HTTP 403 (check the API token in $NB)")
		require.ErrorContains(t, err, "sources: sources[0]: netbox source")
		require.NotContains(t, err.Error(), "wrong")
	})
	t.Run("token-file", func(t *testing.T) {
		tok := filepath.Join(t.TempDir(), "token")
		require.NoError(t, os.WriteFile(tok, []byte(testToken+"\n"), 0o600))
		env := getenv(map[string]string{"FWAUDIT_PASSWORD": "pw"})
		inv, err := inventory.Load(writeOverlay(t, "netbox+"+srv.URL+"?token_file="+tok), inventory.LoadOptions{Getenv: env})
		require.NoError(t, err)
		require.Len(t, inv.Devices, 6)
	})
	t.Run("next-to-another-host", func(t *testing.T) {
		evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, `{"count":2,"next":"http://192.0.2.66/api/dcim/devices/?offset=1","results":[]}`)
		}))
		defer evil.Close()
		_, err := inventory.Load(writeOverlay(t, "netbox+"+evil.URL), inventory.LoadOptions{Getenv: sourceEnv()})
		require.ErrorContains(t, err, `next points to "http://192.0.2.66"`)
	})
	t.Run("credentials-in-url", func(t *testing.T) {
		_, err := inventory.Load("netbox+https://admin:secret@netbox.example.net", inventory.LoadOptions{Getenv: sourceEnv()})
		require.ErrorContains(t, err, "credentials in the URL are not accepted")
	})
	t.Run("token-over-plain-http", func(t *testing.T) {
		_, err := inventory.Load("netbox+http://netbox.example.net", inventory.LoadOptions{Getenv: sourceEnv()})
		require.ErrorContains(t, err, "refusing to send the API token over plain http")
	})
}

package kgv_test

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/kgv"
)

const bulk = `{"header":{"version":"x"},"bulkHash":[
 {"dtype":"boot0","platform":"isr4300","version":"F01","biv_hash":"aa11"},
 {"dtype":"osimage","platform":"isr4300","filename":"x.bin","sha512":"ABCD","biv_hash":"BB22",
  "pkg":[{"filename":"y.pkg","biv_hash":"CC33"}]},
 {"dtype":"blr","platform":"isr4300","biv_hash":"` + h128 + `"}]}`

const h128 = "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF" +
	"FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210FEDCBA9876543210"

const products = `{"header":{"version":"KGV_format_2.0"},"products":[{"product":"ISR4K",
 "boot0Versions":[{"version":"F01","entries":[{"biv_hash":"DD44","published":"x"}]}],
 "bootLoaderVersions":[{"version":"16.2(2r)","entries":[{"biv_hash":"EE55"}]}],
 "osImageVersions":[{"version":"16.03.01","entries":[{"filename":"z.bin","biv_hash":"FF66","sha512":"00"}]}]}]}`

func TestParseBothLayouts(t *testing.T) {
	s, err := kgv.Parse([]byte(bulk))
	require.NoError(t, err)
	require.Equal(t, 4, s.Len())
	for _, c := range []struct{ kind, hash string }{{kgv.Boot0, "AA11"}, {kgv.OSImage, "bb22"}, {kgv.OSImage, "CC33"}, {kgv.Loader, h128[:64]}} {
		_, ok := s.Known(c.kind, c.hash)
		require.True(t, ok, "%s %s", c.kind, c.hash)
	}
	_, ok := s.Known(kgv.Loader, "AA11")
	require.False(t, ok, "a boot0 value is not a loader value")
	e, _ := s.Known(kgv.OSImage, "BB22")
	require.Equal(t, "abcd", e.SHA512)

	s, err = kgv.Parse([]byte(products))
	require.NoError(t, err)
	for _, c := range []struct{ kind, hash string }{{kgv.Boot0, "DD44"}, {kgv.Loader, "EE55"}, {kgv.OSImage, "FF66"}} {
		_, ok := s.Known(c.kind, c.hash)
		require.True(t, ok, "%s %s", c.kind, c.hash)
	}
}

func TestLoadGzipAndErrors(t *testing.T) {
	dir := t.TempDir()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	_, _ = zw.Write([]byte(bulk))
	require.NoError(t, zw.Close())
	p := filepath.Join(dir, "kgv.json.gz")
	require.NoError(t, os.WriteFile(p, buf.Bytes(), 0o600))
	s, err := kgv.Load(p)
	require.NoError(t, err)
	require.Equal(t, p, s.Path)

	for _, bad := range []string{"", "{", `{"bulkHash":[]}`, `{"bulkHash":[{"dtype":"other","biv_hash":"AA"}]}`} {
		_, err := kgv.Parse([]byte(bad))
		require.ErrorIs(t, err, kgv.ErrInvalid, bad)
	}
	_, err = kgv.Load(filepath.Join(dir, "missing.json"))
	require.Error(t, err)
}

func TestShippedExampleLoads(t *testing.T) {
	s, err := kgv.Load("../../baselines/kgv/lab-kgv.json")
	require.NoError(t, err)
	require.Greater(t, s.Len(), 5)
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(bulk))
	f.Add([]byte(products))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := kgv.Parse(b)
		if err == nil && s.Len() == 0 {
			t.Fatal("a parsed set is never empty")
		}
	})
}

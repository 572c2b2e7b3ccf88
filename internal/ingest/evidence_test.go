package ingest

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/audit"
	"fwaudit/internal/baseline"
	"fwaudit/internal/platform"
	"fwaudit/internal/testpeer"
)

const evidenceFixture = "testdata/evidence/lon-wan-02.tar.gz"

// fixtureMembers reads the fixture with archive/tar, independently of
// readTarball: member name → content, in archive order.
func fixtureMembers(t *testing.T) ([]string, map[string][]byte) {
	t.Helper()
	f, err := os.Open(evidenceFixture)
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	tr := tar.NewReader(zr)
	var names []string
	m := map[string][]byte{}
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return names, m
		}
		require.NoError(t, err)
		b, err := io.ReadAll(tr)
		require.NoError(t, err)
		names = append(names, hdr.Name)
		m[hdr.Name] = b
	}
}

// requireLonWan02 checks the one device of the fixture: its outputs as
// stored, its snapshot, and that the same rules fire offline as in the
// sweep that stored it (ROM-001 on ROMMON 16.7(5r)).
func requireLonWan02(t *testing.T, devs []Device) {
	t.Helper()
	require.Len(t, devs, 1)
	d := devs[0]
	require.Equal(t, "lon-wan-02", d.Name)
	require.NotNil(t, d.Evidence)
	require.Equal(t, int64(1), d.Evidence.SnapshotID)
	require.Equal(t, "ok", d.Evidence.Status)
	require.Len(t, d.Outputs, 10)
	require.Contains(t, d.Outputs, "verify /sha512 bootflash:isr4300-universalk9.17.09.04a.SPA.bin")
	require.Contains(t, d.Outputs["show rom-monitor r0"], "16.7(5r)")

	name, ok := platform.Detect(d.Outputs["show version"])
	require.True(t, ok)
	require.Equal(t, "cisco_iosxe", name)
	p, err := platform.Lookup(name)
	require.NoError(t, err)
	f, err := p.Parse(d.Outputs)
	require.NoError(t, err)
	set, err := baseline.Load("testdata/evidence/baselines", baseline.LoadOptions{KnownPlatforms: platform.Names()})
	require.NoError(t, err)
	model, _ := set.Match(name, f.Model)
	findings := audit.Evaluate(audit.Input{Device: d.Name, Platform: name, Facts: f, Model: model,
		HasBaseline: true, Policy: set.Policy, Now: time.Date(2026, 12, 2, 14, 0, 0, 0, time.UTC)})
	var rom001 []string
	for _, fd := range findings {
		if fd.Rule == "ROM-001" {
			rom001 = append(rom001, fd.Observed)
		}
	}
	require.Equal(t, []string{"16.7(5r)"}, rom001, "ROM-001 as in the stored findings.json")
}

func TestLoadEvidenceTarball(t *testing.T) {
	devs, err := Load(evidenceFixture)
	require.NoError(t, err)
	requireLonWan02(t, devs)
	require.False(t, devs[0].Evidence.Manifest)
}

// TestLoadEvidenceFolder unpacks the fixture with GNU tar (as an
// investigator would) and loads the folder, and a case folder holding it
// beside the tarball and an ordinary device folder.
func TestLoadEvidenceFolder(t *testing.T) {
	tarCmd := testpeer.Require(t, "apt-get install -y tar", "tar")
	dir := t.TempDir()
	out, err := exec.Command(tarCmd, "-xzf", evidenceFixture, "-C", dir).CombinedOutput()
	require.NoError(t, err, string(out))

	devs, err := Load(filepath.Join(dir, "lon-wan-02"))
	require.NoError(t, err)
	requireLonWan02(t, devs)

	copyTo(t, evidenceFixture, filepath.Join(dir, "copy.tgz"))
	require.NoError(t, os.Mkdir(filepath.Join(dir, "nx-1"), 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "nx-1", "show version.txt"), []byte("NXOS: version 9.3(15)\n"), 0o600))
	devs, err = Load(dir)
	require.NoError(t, err)
	require.Equal(t, []string{"lon-wan-02", "lon-wan-02", "nx-1"}, []string{devs[0].Name, devs[1].Name, devs[2].Name})
	requireLonWan02(t, devs[:1])
	requireLonWan02(t, devs[1:2])
	require.Nil(t, devs[2].Evidence)
}

// writeTarball writes members (in the given order) with their headers.
func writeTarball(t *testing.T, hdrs []*tar.Header, data map[string][]byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "bundle.tar.gz")
	f, err := os.Create(p)
	require.NoError(t, err)
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	for _, h := range hdrs {
		require.NoError(t, tw.WriteHeader(h))
		if h.Typeflag == tar.TypeReg {
			_, err := tw.Write(data[h.Name])
			require.NoError(t, err)
		}
	}
	require.NoError(t, tw.Close())
	require.NoError(t, zw.Close())
	require.NoError(t, f.Close())
	return p
}

func regular(name string, data []byte) *tar.Header {
	return &tar.Header{Name: name, Mode: 0o600, Size: int64(len(data)), Typeflag: tar.TypeReg}
}

func manifestOf(m map[string][]byte, root string) []byte {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(m)) {
		sum := sha256.Sum256(m[name])
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), strings.TrimPrefix(name, root+"/"))
	}
	return []byte(b.String())
}

const showVersion = "lon-wan-02/outputs/lon-wan-02/show version.txt"

// TestLoadEvidenceRefuses: each bundle below is refused with the error
// that names what is wrong (and, for hashes, the member).
func TestLoadEvidenceRefuses(t *testing.T) {
	names, orig := fixtureMembers(t)
	require.Contains(t, orig, showVersion)
	tests := []struct {
		name string
		edit func(hdrs []*tar.Header, data map[string][]byte) []*tar.Header
		want error
		msg  string
	}{
		{"output-changed-no-manifest", func(h []*tar.Header, d map[string][]byte) []*tar.Header {
			d[showVersion] = append(d[showVersion], []byte("implant\n")...)
			h[slices.IndexFunc(h, func(x *tar.Header) bool { return x.Name == showVersion })].Size = int64(len(d[showVersion]))
			return h
		}, ErrTampered, "not to the digest snapshot.json recorded (609f8c205a9d…)"},
		{"findings-emptied", func(h []*tar.Header, d map[string][]byte) []*tar.Header {
			d["lon-wan-02/findings.json"] = []byte("[]\n")
			h[slices.IndexFunc(h, func(x *tar.Header) bool { return x.Name == "lon-wan-02/findings.json" })].Size = 3
			return h
		}, ErrTampered, "a member was changed"},
		{"output-changed-manifest-names-it", func(h []*tar.Header, d map[string][]byte) []*tar.Header {
			man := manifestOf(d, "lon-wan-02")
			d["lon-wan-02/SHA256SUMS"] = man
			d[showVersion] = []byte("Cisco IOS XE Software, Version 17.09.04a\n")
			h[slices.IndexFunc(h, func(x *tar.Header) bool { return x.Name == showVersion })].Size = int64(len(d[showVersion]))
			return append(h, regular("lon-wan-02/SHA256SUMS", man))
		}, ErrTampered, `"outputs/lon-wan-02/show version.txt" does not match its sha256 in SHA256SUMS`},
		{"member-not-in-manifest", func(h []*tar.Header, d map[string][]byte) []*tar.Header {
			man := manifestOf(d, "lon-wan-02")
			d["lon-wan-02/SHA256SUMS"] = man
			d["lon-wan-02/outputs/lon-wan-02/show extra.txt"] = []byte("x")
			return append(h, regular("lon-wan-02/SHA256SUMS", man), regular("lon-wan-02/outputs/lon-wan-02/show extra.txt", []byte("x")))
		}, ErrTampered, `"outputs/lon-wan-02/show extra.txt" is not in SHA256SUMS`},
		{"path-traversal", func(h []*tar.Header, d map[string][]byte) []*tar.Header {
			d["lon-wan-02/../../etc/cron.d/x"] = []byte("x")
			return append(h, regular("lon-wan-02/../../etc/cron.d/x", []byte("x")))
		}, ErrUnsafeMember, "leaves the bundle"},
		{"absolute-path", func(h []*tar.Header, d map[string][]byte) []*tar.Header {
			d["/etc/passwd"] = []byte("x")
			return append(h, regular("/etc/passwd", []byte("x")))
		}, ErrUnsafeMember, `"/etc/passwd": not a relative path`},
		{"symlink", func(h []*tar.Header, _ map[string][]byte) []*tar.Header {
			return append(h, &tar.Header{Name: "lon-wan-02/outputs/lon-wan-02/show x.txt", Linkname: "/etc/shadow", Typeflag: tar.TypeSymlink})
		}, ErrUnsafeMember, "is not a regular file"},
		{"hardlink", func(h []*tar.Header, _ map[string][]byte) []*tar.Header {
			return append(h, &tar.Header{Name: "lon-wan-02/x", Linkname: "/etc/shadow", Typeflag: tar.TypeLink})
		}, ErrUnsafeMember, "is not a regular file"},
		{"device", func(h []*tar.Header, _ map[string][]byte) []*tar.Header {
			return append(h, &tar.Header{Name: "lon-wan-02/null", Typeflag: tar.TypeChar, Devmajor: 1, Devminor: 3})
		}, ErrUnsafeMember, "is not a regular file"},
		{"duplicate-member", func(h []*tar.Header, d map[string][]byte) []*tar.Header {
			return append(h, regular(showVersion, d[showVersion]))
		}, ErrUnsafeMember, "twice"},
		{"member-too-large", func(h []*tar.Header, d map[string][]byte) []*tar.Header {
			big := make([]byte, 8193)
			d["lon-wan-02/outputs/lon-wan-02/show big.txt"] = big
			return append(h, regular("lon-wan-02/outputs/lon-wan-02/show big.txt", big))
		}, ErrTooLarge, "show big.txt"},
		{"too-many-members", func(h []*tar.Header, d map[string][]byte) []*tar.Header {
			for i := range 20 {
				n := fmt.Sprintf("lon-wan-02/outputs/lon-wan-02/show %d.txt", i)
				d[n] = []byte("x")
				h = append(h, regular(n, d[n]))
			}
			return h
		}, ErrTooLarge, "more than 24 members"},
		{"output-of-another-device", func(h []*tar.Header, d map[string][]byte) []*tar.Header {
			d["lon-wan-02/outputs/lon-wan-03/show version.txt"] = []byte("x")
			return append(h, regular("lon-wan-02/outputs/lon-wan-03/show version.txt", []byte("x")))
		}, ErrLayout, `is not an output of "lon-wan-02"`},
	}
	lim := limits{file: 8192, members: 24}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := maps.Clone(orig)
			var hdrs []*tar.Header
			for _, n := range names {
				hdrs = append(hdrs, regular(n, data[n]))
			}
			p := writeTarball(t, tc.edit(hdrs, data), data)
			_, err := load(p, lim)
			require.ErrorIs(t, err, tc.want)
			require.ErrorContains(t, err, tc.msg)
		})
	}
	t.Run("unchanged-within-the-same-limits", func(t *testing.T) {
		var hdrs []*tar.Header
		for _, n := range names {
			hdrs = append(hdrs, regular(n, orig[n]))
		}
		devs, err := load(writeTarball(t, hdrs, orig), lim)
		require.NoError(t, err)
		require.Len(t, devs, 1)
	})
	t.Run("with-manifest", func(t *testing.T) {
		data := maps.Clone(orig)
		var hdrs []*tar.Header
		for _, n := range names {
			hdrs = append(hdrs, regular(n, data[n]))
		}
		man := manifestOf(data, "lon-wan-02")
		data["lon-wan-02/SHA256SUMS"] = man
		devs, err := load(writeTarball(t, append(hdrs, regular("lon-wan-02/SHA256SUMS", man)), data), lim)
		require.NoError(t, err)
		require.True(t, devs[0].Evidence.Manifest)
	})
}

// TestLoadEvidenceGzipBomb: the decompressed stream is capped by the
// total budget, not only each member.
func TestLoadEvidenceGzipBomb(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bomb.tar.gz")
	f, err := os.Create(p)
	require.NoError(t, err)
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	zero := make([]byte, 1<<20)
	for i := range 8 {
		require.NoError(t, tw.WriteHeader(regular(fmt.Sprintf("b/%d", i), zero)))
		_, err := tw.Write(zero)
		require.NoError(t, err)
	}
	require.NoError(t, tw.Close())
	require.NoError(t, zw.Close())
	require.NoError(t, f.Close())
	budget := int64(4 << 20)
	_, err = readTarball(p, &budget, limits{file: 2 << 20, members: 100})
	require.ErrorIs(t, err, ErrTooLarge)
}

// TestLoadEvidenceFolderRefusesLinks: a symlink in an evidence folder is
// refused, not followed.
func TestLoadEvidenceFolderRefusesLinks(t *testing.T) {
	tarCmd := testpeer.Require(t, "apt-get install -y tar", "tar")
	dir := t.TempDir()
	out, err := exec.Command(tarCmd, "-xzf", evidenceFixture, "-C", dir).CombinedOutput()
	require.NoError(t, err, string(out))
	bundle := filepath.Join(dir, "lon-wan-02")
	require.NoError(t, os.Symlink("/etc/passwd", filepath.Join(bundle, "outputs", "lon-wan-02", "show passwd.txt")))
	_, err = Load(bundle)
	require.ErrorIs(t, err, ErrUnsafeMember)
	require.ErrorContains(t, err, `"outputs/lon-wan-02/show passwd.txt" is not a regular file`)
}

func copyTo(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(to, b, 0o600))
}

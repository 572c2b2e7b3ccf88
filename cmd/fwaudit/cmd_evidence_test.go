package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/facts"
	"fwaudit/internal/ingest"
	"fwaudit/internal/platform"
	"fwaudit/internal/report"
)

// TestEvidenceRoundTrip: a swept snapshot exported as a folder re-derives
// offline (ingest + the platform parser) to the same boot-chain facts, its
// chain verifies, and the tar.gz form holds the same files. Tampering with
// the store is then caught by store verify (exit 1).
func TestEvidenceRoundTrip(t *testing.T) {
	_, dir := startLab(t)
	g := historyGlobals(t, dir)
	g.Devices = []string{"lon-wan-02"}
	sweepRules(t, g)
	sweepRules(t, g)

	out := filepath.Join(t.TempDir(), "case")
	var stdout bytes.Buffer
	require.NoError(t, runEvidence(context.Background(), g.State, []string{"lon-wan-02"}, out, &stdout))
	require.Contains(t, stdout.String(), "snapshot 2 of lon-wan-02")

	var stored facts.Facts
	readJSON(t, filepath.Join(out, "facts.json"), &stored)
	devs, err := ingest.Load(filepath.Join(out, "outputs"))
	require.NoError(t, err)
	require.Len(t, devs, 1)
	require.Equal(t, "lon-wan-02", devs[0].Name)
	again, err := platform.CiscoIOSXE.Parse(devs[0].Outputs)
	require.NoError(t, err)
	require.Equal(t, cliOnly(stored.ROMMON), again.ROMMON, "the CLI-derived components re-derive")
	require.Equal(t, stored.Image, again.Image)
	require.Equal(t, stored.Boot, again.Boot)
	require.Equal(t, stored.ImageHashes, again.ImageHashes)

	var chain struct {
		Links []chainLink `json:"links"`
	}
	readJSON(t, filepath.Join(out, "chain.json"), &chain)
	require.Len(t, chain.Links, 2)
	require.Equal(t, chain.Links[0].ID, chain.Links[1].Parent)
	require.True(t, chain.Links[0].Verified && chain.Links[1].Verified)

	require.Error(t, runEvidence(context.Background(), g.State, []string{"lon-wan-02"}, out, &stdout), "never written over")

	tgz := filepath.Join(t.TempDir(), "case.tar.gz")
	require.NoError(t, runEvidence(context.Background(), g.State, []string{"lon-wan-02", "1"}, tgz, &stdout))
	names := tarNames(t, tgz)
	require.Contains(t, names, "case/facts.json")
	require.Contains(t, names, "case/chain.json")
	require.Contains(t, names, "case/outputs/lon-wan-02/show version.txt")

	db, err := sql.Open("sqlite", "file:"+g.State)
	require.NoError(t, err)
	_, err = db.Exec(`UPDATE snapshots SET findings = '[]' WHERE id = 1`)
	require.NoError(t, err)
	require.NoError(t, db.Close())
	stdout.Reset()
	g.Output = "table"
	err = runStoreVerify(context.Background(), storeVerifyOptions{State: g.State, Output: outputOr(g.Output, "table")}, &stdout)
	require.Equal(t, exitDrift, exitCode(err))
	require.Contains(t, stdout.String(), "snapshot 1 (lon-wan-02): content digest")
}

func cliOnly(cs []facts.Component) []facts.Component {
	var out []facts.Component
	for _, c := range cs {
		if c.Source == facts.SourceCLI {
			out = append(out, c)
		}
	}
	return out
}

func readJSON(t *testing.T, path string, v any) {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, v))
}

func tarNames(t *testing.T, file string) []string {
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	tr := tar.NewReader(zr)
	var names []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return names
		}
		require.NoError(t, err)
		names = append(names, h.Name)
	}
}

// TestEvidenceIngestRoundTrip: what `fwaudit evidence` writes, folder or
// tarball, `fwaudit ingest` audits again to the same findings; a member
// changed after export is refused, named.
func TestEvidenceIngestRoundTrip(t *testing.T) {
	_, dir := startLab(t)
	g := historyGlobals(t, dir)
	g.Devices = []string{"lon-wan-02"}
	live := sweepRules(t, g)

	tgz := filepath.Join(t.TempDir(), "lon-wan-02.tar.gz")
	var stdout bytes.Buffer
	require.NoError(t, runEvidence(context.Background(), g.State, []string{"lon-wan-02"}, tgz, &stdout))
	require.Contains(t, tarNames(t, tgz), "lon-wan-02/SHA256SUMS")
	folder := filepath.Join(t.TempDir(), "case")
	require.NoError(t, runEvidence(context.Background(), g.State, []string{"lon-wan-02"}, folder, &stdout))

	for _, in := range []string{tgz, folder} {
		g.Output = "json"
		var out bytes.Buffer
		err := runIngest(context.Background(), g.ingest(ingestOptions{Platform: "cisco_iosxe"}), g.root(), in, false, &out)
		require.Equal(t, exitDrift, exitCode(err), "err: %v", err)
		var rep report.JSONReport
		require.NoError(t, json.Unmarshal(out.Bytes(), &rep))
		require.Len(t, rep.Devices, 1)
		rules := []string{}
		for _, f := range rep.Devices[0].Findings {
			rules = append(rules, f.Rule)
		}
		require.Equal(t, live["lon-wan-02"], rules, in)
		require.Contains(t, rules, "ROM-001")
	}

	p := filepath.Join(folder, "outputs", "lon-wan-02", "show version.txt")
	b, err := os.ReadFile(p)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(p, append(b, "\nROM: 17.9.1r\n"...), 0o600))
	err = runIngest(context.Background(), g.ingest(ingestOptions{Platform: "cisco_iosxe"}), g.root(), folder, false, &bytes.Buffer{})
	require.Equal(t, exitUsage, exitCode(err))
	require.ErrorContains(t, err, "show version.txt")
}

package main

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"fwaudit/internal/ingest"
	"fwaudit/internal/pipeline"
	"fwaudit/internal/store"
	"fwaudit/internal/textsafe"
)

const evidenceLong = `Export the evidence of one stored snapshot (default: the device's newest)
as a folder, or as a .tar.gz when --out ends in .tar.gz:

  outputs/NAME/<command>.txt  the raw outputs, one file per command, as
                              "fwaudit ingest outputs/" reads them offline
  facts.json, findings.json   what fwaudit derived from them
  snapshot.json               id, run, label, times, program version, status
  chain.json                  the device's hash chain up to this snapshot,
                              each link's digest recomputed and checked
  SHA256SUMS                  every file's SHA-256 (sha256sum -c SHA256SUMS)

"fwaudit ingest" reads the folder or the .tar.gz as it is, checks the
manifest and the snapshot digest, and audits the stored outputs again.

EXAMPLES
  fwaudit evidence lon-wan-02 --out /cases/INC-77/lon-wan-02
  fwaudit evidence lon-wan-02 57 --out lon-wan-02-57.tar.gz`

func newEvidenceCommand(*rootOptions) *cobra.Command {
	var out, state string
	cmd := &cobra.Command{
		Use:   "evidence NAME [SNAPSHOT] --out DIR|FILE.tar.gz",
		Short: "Export a snapshot's raw outputs, facts, findings and hash chain",
		Long:  evidenceLong,
		Args:  usageArgs(cobra.RangeArgs(1, 2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEvidence(cmd.Context(), state, args, out, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "folder to create, or FILE.tar.gz")
	cmd.Flags().StringVar(&state, "state", defaultState(), stateHelp)
	return cmd
}

// chainJSON is the evidence's chain.json.
type chainJSON struct {
	Schema string      `json:"schema"`
	Device string      `json:"device"`
	Links  []chainLink `json:"links"`
}

// snapshotJSON is the evidence's snapshot.json.
type snapshotJSON struct {
	Schema         string    `json:"schema"`
	ID             int64     `json:"id"`
	Parent         int64     `json:"parent"`
	RunID          int64     `json:"run_id"`
	Device         string    `json:"device"`
	Label          string    `json:"label"`
	TakenAt        time.Time `json:"taken_at"`
	StartedAt      time.Time `json:"started_at"`
	FinishedAt     time.Time `json:"finished_at"`
	ProgramVersion string    `json:"program_version"`
	SchemaVersion  int       `json:"schema_version"`
	Status         string    `json:"status"`
	Error          string    `json:"error"`
	Digest         string    `json:"digest"`
	DigestVersion  int       `json:"digest_version"`
	Chain          string    `json:"chain"`
}

// chainLink is one entry of chain.json.
type chainLink struct {
	ID       int64     `json:"id"`
	Parent   int64     `json:"parent,omitempty"`
	TakenAt  time.Time `json:"taken_at"`
	Digest   string    `json:"digest"`
	Chain    string    `json:"chain"`
	Verified bool      `json:"verified"`
}

func runEvidence(ctx context.Context, state string, args []string, out string, stdout io.Writer) error {
	if out == "" {
		return usageErrorf("--out: required")
	}
	st, err := pipeline.OpenStoreRead(ctx, state)
	if err != nil {
		return err
	}
	defer st.Close()
	snap, chain, err := evidenceSnapshot(ctx, st, args)
	if err != nil {
		return err
	}
	outputs, err := st.Outputs(ctx, snap.ID)
	if err != nil {
		return err
	}
	files := map[string][]byte{}
	dev := ingest.FileName(snap.Device)
	dev = strings.TrimSuffix(dev, ".txt")
	for cmd, text := range outputs {
		files[path.Join("outputs", dev, ingest.FileName(cmd))] = []byte(text)
	}
	for name, v := range map[string]any{"facts.json": snap.Facts, "findings.json": snap.Findings,
		"chain.json": chainJSON{Schema: "fwaudit.chain/v1", Device: snap.Device, Links: chain},
		"snapshot.json": snapshotJSON{Schema: "fwaudit.snapshot/v1", ID: snap.ID, Parent: snap.Parent,
			RunID: snap.RunID, Device: snap.Device, Label: snap.Label, TakenAt: snap.TakenAt,
			StartedAt: snap.Started, FinishedAt: snap.Finished, ProgramVersion: snap.ProgramVersion,
			SchemaVersion: snap.Schema, Status: snap.Status, Error: snap.Error, Digest: snap.Digest,
			DigestVersion: snap.DigestVersion, Chain: snap.Chain}} {
		b, err := json.MarshalIndent(v, "", "  ")
		if err != nil {
			return fmt.Errorf("encode %s: %w", name, err)
		}
		files[name] = append(b, '\n')
	}
	files["SHA256SUMS"] = manifest(files)
	if strings.HasSuffix(out, ".tar.gz") || strings.HasSuffix(out, ".tgz") {
		err = writeTarGz(out, strings.TrimSuffix(filepath.Base(out), filepath.Ext(out)), files)
	} else {
		err = writeFolder(out, files)
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "snapshot %d of %s (%d outputs) written to %s\n", snap.ID, textsafe.Field(snap.Device), len(outputs), out)
	return err
}

// evidenceSnapshot finds NAME's snapshot (newest, or the id given) and the
// chain up to it, every link recomputed.
func evidenceSnapshot(ctx context.Context, st *store.Store, args []string) (store.Snapshot, []chainLink, error) {
	hist, err := st.History(ctx, args[0], 0)
	if err != nil {
		return store.Snapshot{}, nil, err
	}
	if len(hist) == 0 {
		return store.Snapshot{}, nil, usageErrorf("no snapshot of %q", textsafe.Field(args[0]))
	}
	idx := len(hist) - 1
	if len(args) == 2 {
		id, err := strconv.ParseInt(args[1], 10, 64)
		if err != nil {
			return store.Snapshot{}, nil, usageErrorf("SNAPSHOT: %q is not a snapshot id", args[1])
		}
		idx = slices.IndexFunc(hist, func(s store.Snapshot) bool { return s.ID == id })
		if idx < 0 {
			return store.Snapshot{}, nil, usageErrorf("snapshot %d is not one of %q", id, textsafe.Field(args[0]))
		}
	}
	checked, err := st.CheckChain(ctx, hist[:idx+1])
	if err != nil {
		return store.Snapshot{}, nil, err
	}
	links := make([]chainLink, idx+1)
	for i, s := range hist[:idx+1] {
		links[i] = chainLink{ID: s.ID, Parent: s.Parent, TakenAt: s.TakenAt, Digest: s.Digest, Chain: s.Chain, Verified: checked[s.ID]}
	}
	return hist[idx], links, nil
}

// manifest lists every file with its SHA-256, as sha256sum -c reads it
// and fwaudit ingest checks it: a changed member is named.
func manifest(files map[string][]byte) []byte {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(&b, "%x  %s\n", sha256.Sum256(files[name]), name)
	}
	return []byte(b.String())
}

func writeFolder(dir string, files map[string][]byte) error {
	if _, err := os.Stat(dir); err == nil {
		return usageErrorf("--out: %s exists; evidence is never written over", dir)
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return fmt.Errorf("write evidence: %w", err)
		}
		if err := os.WriteFile(p, files[name], 0o600); err != nil {
			return fmt.Errorf("write evidence: %w", err)
		}
	}
	return nil
}

func writeTarGz(file, root string, files map[string][]byte) (err error) {
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("write evidence: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write evidence: %w", cerr)
		}
	}()
	zw := gzip.NewWriter(f)
	tw := tar.NewWriter(zw)
	now := time.Now()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		hdr := &tar.Header{Name: path.Join(strings.TrimSuffix(root, ".tar"), name), Mode: 0o600,
			Size: int64(len(files[name])), ModTime: now, Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			return fmt.Errorf("write evidence: %w", err)
		}
		if _, err := tw.Write(files[name]); err != nil {
			return fmt.Errorf("write evidence: %w", err)
		}
	}
	if err := tw.Close(); err != nil {
		return fmt.Errorf("write evidence: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write evidence: %w", err)
	}
	return nil
}

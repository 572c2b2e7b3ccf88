package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fwaudit/internal/platform"
	"fwaudit/internal/store"
)

// ManifestFile is an evidence bundle's optional list of member hashes, in
// sha256sum's format ("<hex>  <member>"), so `sha256sum -c` checks it too.
const ManifestFile = "SHA256SUMS"

// ErrTampered means an evidence bundle's content does not match its
// manifest or the digest its snapshot recorded.
var ErrTampered = errors.New("evidence does not match its recorded hashes")

// Evidence is what an evidence bundle (`fwaudit evidence`) says about the
// snapshot its outputs come from.
type Evidence struct {
	SnapshotID int64
	TakenAt    time.Time
	Status     string // "ok" or "error" (the device could not be audited)
	Error      string
	Digest     string // the snapshot's content digest, recomputed and matched
	Manifest   bool   // a SHA256SUMS manifest was present and matched
}

// snapshotFile is the part of snapshot.json ingest reads.
type snapshotFile struct {
	Schema  string    `json:"schema"`
	ID      int64     `json:"id"`
	Device  string    `json:"device"`
	Label   string    `json:"label"`
	TakenAt time.Time `json:"taken_at"`
	Status  string    `json:"status"`
	Error   string    `json:"error"`
	Digest  string    `json:"digest"`
	// Digest version 2 covers these metadata too (store.Digest).
	DigestVersion  int       `json:"digest_version"`
	RunID          int64     `json:"run_id"`
	StartedAt      time.Time `json:"started_at"`
	FinishedAt     time.Time `json:"finished_at"`
	ProgramVersion string    `json:"program_version"`
	SchemaVersion  int       `json:"schema_version"`
}

// root reports whether m is an evidence bundle, and its root folder
// ("" when the members sit at the top).
func (m members) root() (string, bool) {
	if _, ok := m["snapshot.json"]; ok {
		return "", true
	}
	for name := range m {
		first, _, ok := strings.Cut(name, "/")
		if !ok {
			return "", false
		}
		_, ok = m[first+"/snapshot.json"]
		return first, ok
	}
	return "", false
}

// parseEvidence maps an evidence bundle to a Device: outputs/NAME/*.txt are
// its outputs (named as FileName names them), snapshot.json its identity.
// A manifest, when present, must list every member with its hash; the
// snapshot's digest is recomputed from the outputs, facts and findings and
// must match. Every member sits under one root folder, or none.
func parseEvidence(m members, where string) (Device, error) {
	root, ok := m.root()
	if !ok {
		return Device{}, fmt.Errorf("read evidence %s: %w: no snapshot.json", where, ErrLayout)
	}
	files := make(members, len(m))
	for name, data := range m {
		rel, ok := strings.CutPrefix(name, root+"/")
		if root == "" {
			rel, ok = name, true
		}
		if !ok {
			return Device{}, fmt.Errorf("read evidence %s: %w: %q is outside the bundle folder %q", where, ErrLayout, name, root)
		}
		files[rel] = data
	}
	fail := func(err error) (Device, error) { return Device{}, fmt.Errorf("read evidence %s: %w", where, err) }
	manifest, err := checkManifest(files)
	if err != nil {
		return fail(err)
	}
	var snap snapshotFile
	if err := json.Unmarshal(files["snapshot.json"], &snap); err != nil {
		return fail(fmt.Errorf("snapshot.json: %w", err))
	}
	if snap.Device == "" {
		return fail(fmt.Errorf("%w: snapshot.json names no device", ErrLayout))
	}
	if snap.Schema != "fwaudit.snapshot/v1" {
		return fail(fmt.Errorf("%w: snapshot.json: schema %q, want fwaudit.snapshot/v1", ErrLayout, snap.Schema))
	}
	dev := Device{Name: snap.Device, Outputs: platform.Outputs{}, Evidence: &Evidence{SnapshotID: snap.ID,
		TakenAt: snap.TakenAt, Status: snap.Status, Error: snap.Error, Digest: snap.Digest, Manifest: manifest}}
	folder := "outputs/" + strings.TrimSuffix(FileName(snap.Device), ".txt") + "/"
	for _, name := range slices.Sorted(maps.Keys(files)) {
		switch {
		case strings.HasPrefix(name, folder) && !strings.Contains(name[len(folder):], "/"):
			dev.Outputs[CommandFromFileName(name[len(folder):])] = string(files[name])
		case strings.HasPrefix(name, "outputs/"):
			return fail(fmt.Errorf("%w: %q is not an output of %q", ErrLayout, name, snap.Device))
		}
	}
	if err := checkDigest(snap, files, dev.Outputs); err != nil {
		return fail(err)
	}
	return dev, nil
}

// checkManifest verifies SHA256SUMS when present: every member but the
// manifest listed once, every listed member present with its hash.
func checkManifest(files members) (bool, error) {
	text, ok := files[ManifestFile]
	if !ok {
		return false, nil
	}
	listed := map[string]bool{}
	for i, line := range strings.Split(strings.TrimRight(string(text), "\n"), "\n") {
		sum, name, ok := strings.Cut(line, " ")
		name = strings.TrimPrefix(strings.TrimPrefix(name, " "), "*")
		if !ok || len(sum) != sha256.Size*2 || name == "" {
			return true, fmt.Errorf("%w: %s line %d: not \"<sha256>  <member>\"", ErrTampered, ManifestFile, i+1)
		}
		data, present := files[name]
		switch {
		case listed[name]:
			return true, fmt.Errorf("%w: %s lists %q twice", ErrTampered, ManifestFile, name)
		case !present:
			return true, fmt.Errorf("%w: %q is in %s but not in the bundle", ErrTampered, name, ManifestFile)
		}
		got := sha256.Sum256(data)
		if hex.EncodeToString(got[:]) != strings.ToLower(sum) {
			return true, fmt.Errorf("%w: %q does not match its sha256 in %s", ErrTampered, name, ManifestFile)
		}
		listed[name] = true
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if name != ManifestFile && !listed[name] {
			return true, fmt.Errorf("%w: %q is not in %s", ErrTampered, name, ManifestFile)
		}
	}
	return true, nil
}

// checkDigest recomputes the snapshot's content digest (store.Digest) from
// the bundle's facts, findings and outputs.
func checkDigest(snap snapshotFile, files members, outputs platform.Outputs) error {
	var factsJSON, findingsJSON bytes.Buffer
	for name, buf := range map[string]*bytes.Buffer{"facts.json": &factsJSON, "findings.json": &findingsJSON} {
		data, ok := files[name]
		if !ok {
			return fmt.Errorf("%w: no %s", ErrLayout, name)
		}
		if err := json.Compact(buf, data); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	var hostKey struct {
		SHA256 string `json:"host_key_sha256"`
	}
	if err := json.Unmarshal(factsJSON.Bytes(), &hostKey); err != nil {
		return fmt.Errorf("facts.json: %w", err)
	}
	sn := store.Snapshot{Device: snap.Device, Label: snap.Label, TakenAt: snap.TakenAt.UTC(),
		Status: snap.Status, Error: snap.Error, HostKey: hostKey.SHA256, DigestVersion: snap.DigestVersion,
		RunID: snap.RunID, Started: snap.StartedAt.UTC(), Finished: snap.FinishedAt.UTC(),
		ProgramVersion: snap.ProgramVersion, Schema: snap.SchemaVersion}
	got := store.Digest(sn, factsJSON.Bytes(), findingsJSON.Bytes(), outputs)
	if got != snap.Digest {
		return fmt.Errorf("%w: outputs, facts.json and findings.json hash to %s…, not to the digest snapshot.json recorded (%.12s…): a member was changed",
			ErrTampered, got[:12], snap.Digest)
	}
	return nil
}

// isTarball reports whether a file name is an evidence tarball's.
func isTarball(name string) bool {
	return strings.HasSuffix(name, ".tar.gz") || strings.HasSuffix(name, ".tgz")
}

// isBundleDir reports whether dir is an evidence folder: snapshot.json and
// outputs/ side by side.
func isBundleDir(dir string) bool {
	snap, err1 := os.Lstat(filepath.Join(dir, "snapshot.json"))
	outs, err2 := os.Lstat(filepath.Join(dir, "outputs"))
	return err1 == nil && err2 == nil && snap.Mode().IsRegular() && outs.IsDir()
}

func loadBundleDir(dir string, budget *int64, lim limits) (Device, error) {
	m, err := readBundleDir(dir, budget, lim)
	if err != nil {
		return Device{}, err
	}
	return parseEvidence(m, dir)
}

func loadTarball(file string, budget *int64, lim limits) (Device, error) {
	m, err := readTarball(file, budget, lim)
	if err != nil {
		return Device{}, err
	}
	return parseEvidence(m, file)
}

package sweep

import (
	"context"
	"crypto/rand"
	"crypto/x509"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fwaudit/internal/baseline"
	"fwaudit/internal/collect"
	"fwaudit/internal/facts"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/inventory"
	"fwaudit/internal/kgv"
	"fwaudit/internal/platform"
	"fwaudit/internal/textsafe"
)

// OffboxOptions control the off-box step: evidence the device cannot forge.
// It runs after SSH and SNMP when Enabled.
type OffboxOptions struct {
	// Enabled runs the step: stream the running and next-boot images off
	// the device and hash them here (source offbox), unless NoImages.
	Enabled bool
	// NoImages skips the image streaming (only boot integrity is collected).
	NoImages bool
	// Hasher holds the worker limit and rate shared by the whole sweep;
	// nil → a default hasher per device.
	Hasher *collect.ImageHasher
	// Integrity collects signed boot measurements (`show platform integrity
	// sign nonce N`, SUDI chain) with a fresh random nonce per device.
	Integrity bool
	// KGV and SUDIRoots are what the BIV rules compare with; nil → those
	// checks are skipped.
	KGV       *kgv.Set
	SUDIRoots *x509.CertPool
	// SUDIRootsFrom names the roots for the report: the file and each
	// root's subject ("roots.pem: CN=…").
	SUDIRootsFrom string
}

// hashOffbox streams the running and next-boot images off the device and
// records their hashes with source offbox, then collects signed boot
// measurements when asked, each only where the platform's descriptor says
// how (p.OffBox, p.Integrity); where it cannot, a warning says why.
func hashOffbox(ctx context.Context, d inventory.Device, p platform.Platform, keys *hostKeyStores, opts Options, res *Result) error {
	log := opts.Logger.With("device", d.Name, "platform", p.Name)
	images := !opts.Offbox.NoImages && p.OffBox.Supported()
	var unsupported error
	if !opts.Offbox.NoImages && !images {
		// Asked for and impossible: the device's result says so (its
		// findings stand, its status is not clean), never silence.
		unsupported = fmt.Errorf("%w on platform %s: %s", ErrOffboxUnsupported, p.Name, offboxWhy(p.OffBox))
	}
	integrity := opts.Offbox.Integrity && p.Integrity != nil
	if opts.Offbox.Integrity && !integrity {
		log.Warn("signed boot-integrity measurements not supported on this platform", "reason", "the platform has no integrity commands")
	}
	if !images && !integrity {
		return unsupported
	}
	store, err := keys.get(d.SSH.KnownHosts, hostkey.Policy(d.SSH.HostKeyPolicy))
	if err != nil {
		return err
	}
	t := collect.HashTarget{
		Name: d.Name, Address: d.Address, Port: d.Port,
		Username: d.Credentials.Username, Password: d.Credentials.Password.Reveal(),
		KeyFile: d.Credentials.KeyFile, HostKeys: store, ConnectTimeout: opts.ConnectTimeout,
	}
	if t.Jump, err = jumpHops(d, keys); err != nil { // jump.go
		return err
	}
	imgErr := unsupported
	if images {
		if err := hashImages(ctx, t, p.OffBox, opts, res); err != nil {
			imgErr = fmt.Errorf("off-box hash could not be made: %w", err)
		}
	}
	if !integrity {
		return imgErr
	}
	// The signed measurements are separate evidence: collect them even when
	// no image could be streamed.
	return joinErr(imgErr, collectIntegrity(ctx, t, *p.Integrity, opts, res))
}

// ErrOffboxUnsupported means --offbox-hash was asked for a device whose
// platform cannot be hashed off the box (its descriptor says why).
var ErrOffboxUnsupported = errors.New("off-box image hash not possible")

func offboxWhy(o platform.OffBox) string {
	if o.Unsupported != "" {
		return o.Unsupported
	}
	return "the platform names no files to stream"
}

// joinErr joins two step errors on one line (either may be nil).
func joinErr(a, b error) error {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return fmt.Errorf("%w; %w", a, b)
}

// collectIntegrity runs the signed boot-integrity commands with a fresh
// nonce over exec channels and records what they measured.
func collectIntegrity(ctx context.Context, t collect.HashTarget, in platform.Integrity, opts Options, res *Result) error {
	log := opts.Logger.With("device", res.Device.Name)
	nonce, err := freshNonce()
	if err != nil {
		return err
	}
	cmds := in.Commands(nonce)
	out, err := collect.RunExec(ctx, t, cmds, collect.ExecOptions{MaxOutputBytes: opts.MaxOutputBytes,
		CommandTimeout: opts.CommandTimeout, Budget: opts.budget, Logger: log})
	if err != nil {
		return fmt.Errorf("boot-integrity measurements could not be collected: %w", err)
	}
	// The signed outputs are evidence: kept with the other raw outputs, so
	// the snapshot stores them, `fwaudit evidence` exports them and
	// `fwaudit ingest` verifies them again.
	if res.Outputs == nil {
		res.Outputs = platform.Outputs{}
	}
	for cmd, text := range out {
		res.Outputs[cmd] = text
	}
	if err := MergeIntegrity(in, platform.Outputs(out), &res.Facts); err != nil {
		log.Warn("boot integrity output not understood", "err", err)
	}
	return nil
}

// MergeIntegrity parses the signed boot-integrity outputs in out (as the
// platform's Integrity names them) into f.Integrity, keeping the
// authenticity sections show software authenticity gave. Nothing changes
// when out holds none.
func MergeIntegrity(in platform.Integrity, out platform.Outputs, f *facts.Facts) error {
	bi, err := in.Parse(out)
	if bi == nil {
		return err
	}
	if prev := f.Integrity; prev != nil {
		bi.Authenticity = prev.Authenticity
	}
	f.Integrity = bi
	return err
}

func hashImages(ctx context.Context, t collect.HashTarget, ob platform.OffBox, opts Options, res *Result) error {
	h := opts.Offbox.Hasher
	if h == nil {
		var err error
		if h, err = collect.NewImageHasher(collect.HasherOptions{}); err != nil {
			return err
		}
	}
	var model *baseline.Model
	if opts.Baselines != nil {
		model, _ = opts.Baselines.Match(res.Device.Platform, res.Facts.Model)
	}
	files, refused, unlisted, err := offboxFiles(res.Facts, ob, model)
	if err != nil {
		return err
	}
	if len(files) == 0 && refused != nil {
		return refused
	}
	if len(files) == 0 && unlisted > 0 {
		opts.Logger.Warn("off-box hash: the image files the device names are not on its storage (IMG-004 reports them); nothing was streamed",
			"device", res.Device.Name, "files", unlisted)
		return nil
	}
	if len(files) == 0 {
		return fmt.Errorf("%w on platform %s: the device names no local running or next-boot image file (image %q, %d boot entries)",
			ErrOffboxUnsupported, res.Device.Platform, textsafe.Clean(res.Facts.Image, 128), len(res.Facts.Boot.System))
	}
	got, err := h.Hash(ctx, t, files, opts.Logger.With("device", res.Device.Name))
	for _, fh := range got {
		res.Facts.ImageHashes = append(res.Facts.ImageHashes,
			facts.ImageHash{File: fh.Path, SHA512: fh.SHA512, Source: facts.SourceOffbox})
	}
	return joinErr(refused, err)
}

// offboxFiles are the platform's off-box files (ob.Files: the running
// image and the boot entries that are plain local files, so a hostile BOOT
// variable cannot name an arbitrary path), each at the path the device's
// SFTP / SCP server serves it (ob.RemotePath) and bounded by the size the
// baseline approves, else by the size in dir held to the hasher's maximum
// (capOf). A file whose listed size disagrees with the approved one is not
// streamed (refused says which; IMG-004 is the finding): the device does
// not get to choose how much it sends.
func offboxFiles(f facts.Facts, ob platform.OffBox, model *baseline.Model) (out []collect.HashFile, refused error, unlisted int, err error) {
	for _, path := range ob.Files(f) {
		if len(f.Files) > 0 && !listed(f.Files, path) {
			unlisted++
			continue // not on the device's storage: IMG-004 reports it
		}
		hf, why := capOf(f, model, path)
		if why != nil {
			refused = joinErr(refused, why)
			continue
		}
		if hf.SFTPPath, hf.SCPPath, err = ob.RemotePath(path); err != nil {
			return out, refused, unlisted, err
		}
		out = append(out, hf)
	}
	return out, refused, unlisted, nil
}

func listed(files []facts.File, path string) bool {
	for _, file := range files {
		if facts.BaseName(file.Name) == facts.BaseName(path) {
			return true
		}
	}
	return false
}

// capOf bounds the transfer of path: the approved size when the baseline
// gives one, else the size dir lists (the hasher holds it to its maximum).
// A listed size other than the approved one is refused.
func capOf(f facts.Facts, model *baseline.Model, path string) (collect.HashFile, error) {
	hf := collect.HashFile{Path: path}
	var listedSize int64
	for _, file := range f.Files {
		if strings.EqualFold(file.Name, path) || facts.BaseName(file.Name) == facts.BaseName(path) {
			listedSize = file.Size
			break
		}
	}
	if model != nil {
		if im, ok := model.Image(facts.BaseName(path)); ok && im.Size > 0 {
			if listedSize > 0 && listedSize != im.Size {
				return hf, fmt.Errorf("%q not streamed: the device lists %d bytes, the baseline approves %d", path, listedSize, im.Size)
			}
			hf.MaxBytes, hf.Approved = im.Size, true
			return hf, nil
		}
	}
	hf.MaxBytes = listedSize
	return hf, nil
}

// freshNonce is a random non-zero 32-bit nonce in decimal, the range the
// IOS XE CLI takes; the signature covers it, so an answer prepared before
// this audit (a replay) does not verify.
func freshNonce() (string, error) {
	var b [4]byte
	for {
		if _, err := rand.Read(b[:]); err != nil {
			return "", fmt.Errorf("nonce: %w", err)
		}
		if n := binary.BigEndian.Uint32(b[:]); n != 0 {
			return strconv.FormatUint(uint64(n), 10), nil
		}
	}
}

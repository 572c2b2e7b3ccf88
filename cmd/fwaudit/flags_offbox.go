package main

import (
	"crypto/x509"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"fwaudit/internal/collect"
	"fwaudit/internal/kgv"
	"fwaudit/internal/sweep"
)

// offboxOptions are the flags of the off-box step: image hashes computed
// here from bytes streamed off the device, and signed boot measurements.
type offboxOptions struct {
	OffboxHash    bool
	HashWorkers   int
	HashRate      string
	HashProtocol  string
	SaveImage     string
	BootIntegrity bool
	KGVFile       string
	SUDIRootsFile string
}

func (o *offboxOptions) addFlags(fs *pflag.FlagSet) {
	fs.BoolVar(&o.OffboxHash, "offbox-hash", false, "stream the running and next-boot images off each device (sftp, else scp) and hash them here")
	fs.IntVar(&o.HashWorkers, "hash-workers", collect.DefaultHashWorkers, "images streamed at once across the sweep")
	fs.StringVar(&o.HashRate, "hash-rate", "", "cap on each image transfer, e.g. 20MB/s, 512KiB/s (default: unlimited)")
	fs.StringVar(&o.HashProtocol, "hash-protocol", collect.ProtocolAuto, "auto|sftp|scp")
	fs.StringVar(&o.SaveImage, "save-image", "", "keep a forensic copy of every streamed image in DIR (nothing is written otherwise)")
	fs.BoolVar(&o.BootIntegrity, "boot-integrity", false, "collect signed boot-integrity measurements with a fresh nonce (implied by --kgv and --sudi-roots)")
	fs.StringVar(&o.KGVFile, "kgv", "", "Cisco known-good-values JSON (optionally gzip) to check boot-integrity measurements against (BIV-001)")
	fs.StringVar(&o.SUDIRootsFile, "sudi-roots", "", "PEM file of trusted SUDI root certificates for signed measurements (BIV-002)")
}

// sweepOptions validates the flags and loads the KGV and roots files.
func (o offboxOptions) sweepOptions() (sweep.OffboxOptions, error) {
	var out sweep.OffboxOptions
	rate, err := parseRate(o.HashRate)
	if err != nil {
		return out, usageErrorf("--hash-rate: %s", err)
	}
	if o.HashWorkers < 0 {
		return out, usageErrorf("--hash-workers: must be at least 1, got %d", o.HashWorkers)
	}
	h, err := collect.NewImageHasher(collect.HasherOptions{Workers: o.HashWorkers, BytesPerSecond: rate,
		Protocol: o.HashProtocol, SaveDir: o.SaveImage})
	if err != nil {
		return out, usageErrorf("%s", err)
	}
	out.Hasher = h
	if o.KGVFile != "" {
		if out.KGV, err = kgv.Load(o.KGVFile); err != nil {
			return out, configError(fmt.Errorf("--kgv: %w", err))
		}
	}
	if o.SUDIRootsFile != "" {
		b, err := os.ReadFile(o.SUDIRootsFile)
		if err != nil {
			return out, configError(fmt.Errorf("--sudi-roots: %w", err))
		}
		out.SUDIRoots = x509.NewCertPool()
		if !out.SUDIRoots.AppendCertsFromPEM(b) {
			return out, configError(fmt.Errorf("--sudi-roots: %s holds no PEM certificate", o.SUDIRootsFile))
		}
	}
	out.Integrity = o.BootIntegrity || out.KGV != nil || out.SUDIRoots != nil
	out.Enabled = o.OffboxHash || out.Integrity
	out.NoImages = !o.OffboxHash
	return out, nil
}

// parseRate reads "20MB/s", "512KiB/s", "1.5MB", "1000000" as bytes per
// second; "" is unlimited.
func parseRate(s string) (float64, error) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "/s")
	if s == "" {
		return 0, nil
	}
	units := []struct {
		suffix string
		mult   float64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}, {"B", 1}}
	mult := 1.0
	for _, u := range units {
		if n, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = n, u.mult
			break
		}
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v <= 0 {
		return 0, fmt.Errorf("%q is not a positive rate like 20MB/s", s)
	}
	return v * mult, nil
}

package lab

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/golden"
)

// TestShippedKGVMatchesDemoFleet keeps baselines/kgv/lab-kgv.json equal to
// the known-good values of the demo fleet (go test -update rewrites it).
func TestShippedKGVMatchesDemoFleet(t *testing.T) {
	f, err := LoadFleet("../../testdata/lab/fleet.yaml")
	require.NoError(t, err)
	b, err := f.KnownGoodJSON()
	require.NoError(t, err)
	golden.Assert(t, "../../baselines/kgv/lab-kgv.json", append(b, '\n'))
}

func TestIntegrityKnobsChangeWhatIsMeasured(t *testing.T) {
	spec := DeviceSpec{Name: "x", Model: "C9300-48P", ROMMON: "17.9.1r", Image: "a.bin",
		Files: []FileSpec{{Name: "a.bin", Size: 1024, Seed: "a.bin"}}}
	d := &Device{hashes: &hashCache{}}
	good, err := d.newProfile(spec, certEpoch)
	require.NoError(t, err)
	require.Equal(t, KnownGoodBIV(spec), good.measured())
	for _, stage := range []string{"boot0", "loader", "os"} {
		spec.BIVTamper = stage
		p, err := d.newProfile(spec, certEpoch)
		require.NoError(t, err)
		require.NotEqual(t, KnownGoodBIV(spec), p.measured(), stage)
	}
	e := &cmdEnv{p: good}
	out := showIntegrity(e, []string{"sign", "nonce", "42"})
	require.Contains(t, out, "Signature version: 1")
	require.Contains(t, showIntegrity(e, nil), "PCR8:")
	require.NotContains(t, showIntegrity(e, nil), "Signature")
	require.Contains(t, showSUDI(e, []string{"sign", "nonce", "42"}), "-----BEGIN CERTIFICATE-----")
}

// TestShippedSUDIRootIsTheLabRoot: baselines/kgv/lab-sudi-root.pem (for
// `fwaudit sweep --sudi-roots` against fwlab) holds the lab root's key, so
// it verifies chains issued in any process.
func TestShippedSUDIRootIsTheLabRoot(t *testing.T) {
	b, err := os.ReadFile("../../baselines/kgv/lab-sudi-root.pem")
	require.NoError(t, err)
	blk, _ := pem.Decode(b)
	require.NotNil(t, blk)
	c, err := x509.ParseCertificate(blk.Bytes)
	require.NoError(t, err)
	require.True(t, labKey("root").PublicKey.Equal(c.PublicKey))
	pool := x509.NewCertPool()
	pool.AddCert(c)
	chain := sudiChain(DeviceSpec{Name: "any", Model: "C9300-48P", Serial: "X"})
	sub, err := x509.ParseCertificate(chain[1])
	require.NoError(t, err)
	dev, err := x509.ParseCertificate(chain[2])
	require.NoError(t, err)
	inter := x509.NewCertPool()
	inter.AddCert(sub)
	_, err = dev.Verify(x509.VerifyOptions{Roots: pool, Intermediates: inter, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	require.NoError(t, err)
}

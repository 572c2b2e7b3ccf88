package attest_test

import (
	"crypto/x509"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/attest"
	"fwaudit/internal/collect"
	"fwaudit/internal/facts"
	"fwaudit/internal/hostkey"
	"fwaudit/internal/lab"
	"fwaudit/internal/lab/labtest"
	"fwaudit/internal/platform"
)

const fixtures = "../platform/testdata/cisco_iosxe_integrity"

// TestPCRsRecomputeRealOutputs checks the PCR algorithm on real signed
// outputs (BootIntegrityValidator fixtures): the printed PCRs must come out.
func TestPCRsRecomputeRealOutputs(t *testing.T) {
	for _, name := range []string{"isr4k-show-plat-int-sign-nonce.txt", "isr4k-show-plat-int-multi-hashes.txt"} {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(fixtures, name))
			require.NoError(t, err)
			bi, err := platform.ParseIOSXEPlatformIntegrity(string(b))
			require.NoError(t, err)
			p0, p8, err := attest.PCRs(&bi)
			require.NoError(t, err)
			require.Equal(t, bi.PCR0, p0)
			require.Equal(t, bi.PCR8, p8)

			bi.LoaderHash = "00" + bi.LoaderHash[2:]
			p0, _, err = attest.PCRs(&bi)
			require.NoError(t, err)
			require.NotEqual(t, bi.PCR0, p0, "a changed measurement changes PCR0")
		})
	}
}

// labEvidence runs the lab device's signed commands over real SSH exec
// channels and parses them.
func labEvidence(t *testing.T, l *lab.Lab, name, nonce string) *facts.BootIntegrity {
	t.Helper()
	d := l.Device(name)
	hk, err := hostkey.Open(filepath.Join(t.TempDir(), "known_hosts"), hostkey.TOFU)
	require.NoError(t, err)
	host, port, err := net.SplitHostPort(d.Addr())
	require.NoError(t, err)
	p, err := strconv.Atoi(port)
	require.NoError(t, err)
	target := collect.HashTarget{Name: name, Address: host, Port: p, Username: lab.DefaultUsername,
		Password: lab.DefaultPassword, HostKeys: hk, ConnectTimeout: 5 * time.Second}
	out, err := collect.RunExec(t.Context(), target, platform.IOSXEIntegrityCommands(nonce),
		collect.ExecOptions{MaxOutputBytes: 1 << 20, CommandTimeout: 10 * time.Second})
	require.NoError(t, err)
	bi, err := platform.ParseIOSXEIntegrity(platform.Outputs(out))
	require.NoError(t, err)
	return bi
}

const labFleet = `
defaults: {platform: cisco_iosxe, model: C9300-48P, os_version: 17.09.04a, rommon: "17.9.1r[FC2]",
  image: cat9k_iosxe.17.09.04a.SPA.bin, files: [{name: cat9k_iosxe.17.09.04a.SPA.bin, size: 65536}]}
devices:
  - {name: good-sw, serial: FOC1}
  - {name: bad-sw, serial: FOC2, biv_signature: bad}
  - {name: stale-sw, serial: FOC3, biv_signature: stale}
  - {name: liar-sw, serial: FOC4, biv_tamper: loader, biv_lies: true}
`

func TestVerifyLabEvidence(t *testing.T) {
	l := labtest.StartFleet(t, labtest.Fleet(t, labFleet), lab.Options{})
	pool := roots(t)
	t.Run("good-verifies", func(t *testing.T) {
		bi := labEvidence(t, l, "good-sw", "4242")
		require.NoError(t, verifyAll(bi, pool))
		p0, p8, err := attest.PCRs(bi)
		require.NoError(t, err)
		require.Equal(t, bi.PCR0, p0)
		require.Equal(t, bi.PCR8, p8)
		bi.Nonce = "4243"
		require.ErrorIs(t, verifyAll(bi, pool), attest.ErrSignature, "another nonce does not verify")
	})
	t.Run("untrusted-root", func(t *testing.T) {
		bi := labEvidence(t, l, "good-sw", "1")
		require.ErrorIs(t, verifyAll(bi, x509.NewCertPool()), attest.ErrChain)
	})
	t.Run("bad-key", func(t *testing.T) {
		require.ErrorIs(t, verifyAll(labEvidence(t, l, "bad-sw", "7"), pool), attest.ErrSignature)
	})
	t.Run("stale-nonce", func(t *testing.T) {
		require.ErrorIs(t, verifyAll(labEvidence(t, l, "stale-sw", "7"), pool), attest.ErrSignature)
	})
	t.Run("lying-pcrs", func(t *testing.T) {
		bi := labEvidence(t, l, "liar-sw", "9")
		require.NoError(t, verifyAll(bi, pool), "the signature is genuine")
		p0, _, err := attest.PCRs(bi)
		require.NoError(t, err)
		require.NotEqual(t, bi.PCR0, p0, "but the printed hashes do not give the signed PCR0")
	})
}

func roots(t *testing.T) *x509.CertPool {
	t.Helper()
	p := x509.NewCertPool()
	require.True(t, p.AppendCertsFromPEM(lab.SUDIRootPEM()))
	return p
}

func verifyAll(bi *facts.BootIntegrity, pool *x509.CertPool) error {
	dev, err := attest.DeviceCert(bi, pool)
	if err != nil {
		return err
	}
	body, err := attest.MeasurementBody(bi)
	if err != nil {
		return err
	}
	data, err := attest.SignedData(bi.Nonce, bi.SignatureVersion, body)
	if err != nil {
		return err
	}
	if err := attest.Verify(dev.PublicKey, data, bi.Signature); err != nil {
		return err
	}
	body, err = attest.SUDIBody(bi)
	if err != nil {
		return err
	}
	data, err = attest.SignedData(bi.Nonce, bi.SUDISignatureVersion, body)
	if err != nil {
		return err
	}
	return attest.Verify(dev.PublicKey, data, bi.SUDISignature)
}

package platform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/golden"
	"fwaudit/internal/textsafe"
)

const integrityDir = "testdata/cisco_iosxe_integrity"

func integrityFixtures(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(integrityDir, "*.txt"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	return paths
}

// parseIntegrityFixture picks the parser by slug.
func parseIntegrityFixture(slug, in string) (any, error) {
	if strings.HasPrefix(slug, "show-software-authenticity") {
		return parseIOSXEAuthenticity(in)
	}
	return ParseIOSXEPlatformIntegrity(in)
}

func TestGoldenIOSXEIntegrity(t *testing.T) {
	for _, path := range integrityFixtures(t) {
		slug := strings.TrimSuffix(filepath.Base(path), ".txt")
		t.Run(slug, func(t *testing.T) {
			in, err := os.ReadFile(path)
			require.NoError(t, err)
			v, err := parseIntegrityFixture(slug, string(in))
			res := goldenResult{Parsed: v}
			if err != nil {
				res.Error = err.Error()
			}
			golden.AssertJSON(t, strings.TrimSuffix(path, ".txt")+".golden.json", res)
		})
	}
}

func TestParseIOSXEPlatformIntegrity(t *testing.T) {
	in, err := os.ReadFile(filepath.Join(integrityDir, "isr4k-show-plat-int-multi-hashes.txt"))
	require.NoError(t, err)
	bi, err := ParseIOSXEPlatformIntegrity(string(in))
	require.NoError(t, err)
	require.Equal(t, "ISR4451-X/K9", bi.Platform)
	require.Len(t, bi.OSHashes, 19)
	require.Equal(t, "isr4400-universalk9.17.04.01a.SPA.bin", bi.OSHashes[0].File)
	require.Len(t, bi.Signature, 512)
	require.Equal(t, uint32(1), bi.SignatureVersion)

	_, err = ParseIOSXEPlatformIntegrity("show platform integrity\n  ^\n% Invalid input detected at '^' marker.\n")
	require.ErrorIs(t, err, ErrUnsupported)
	_, err = ParseIOSXEPlatformIntegrity("Boot 0 Hash: NOTHEX\n")
	require.ErrorIs(t, err, errIntegrity)
	_, err = ParseIOSXEPlatformIntegrity("Signature:\n" + strings.Repeat("AB\n", maxSigHex))
	require.ErrorIs(t, err, errIntegrity, "a hex value is bounded")
}

func TestParseIOSXEIntegrityTakesNonceFromCommand(t *testing.T) {
	in, err := os.ReadFile(filepath.Join(integrityDir, "isr4k-show-plat-int-sign-nonce.txt"))
	require.NoError(t, err)
	bi, err := ParseIOSXEIntegrity(Outputs{IOSXEIntegritySign + "1": string(in)})
	require.NoError(t, err)
	require.Equal(t, "1", bi.Nonce)
	require.Equal(t, "2D42A273E4C475B8D53A42A667599549ABE6028EC062EF15DEB15A12B41B0EA9", bi.PCR0)
	bi, err = ParseIOSXEIntegrity(Outputs{})
	require.NoError(t, err)
	require.Nil(t, bi)
	require.Equal(t, []string{IOSXEIntegritySign + "7", IOSXESUDISign + "7"}, IOSXEIntegrityCommands("7"))
}

func FuzzParseIOSXEIntegrity(f *testing.F) {
	for _, p := range integrityFixtures(f) {
		b, err := os.ReadFile(p)
		require.NoError(f, err)
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, s string) {
		checks := func(vals ...string) {
			total := 0
			for _, v := range vals {
				total += len(v)
				if !textsafe.IsSafe(v) {
					t.Fatalf("unsafe %q", v)
				}
			}
			if total > 2*len(s)+64 {
				t.Fatalf("result %d bytes from %d of input", total, len(s))
			}
		}
		if bi, err := ParseIOSXEPlatformIntegrity(s); err == nil {
			vals := []string{bi.Platform, bi.Boot0Version, bi.Boot0Hash, bi.LoaderVersion, bi.LoaderHash, bi.OSVersion, bi.PCR0, bi.PCR8, bi.Signature}
			for _, h := range bi.OSHashes {
				vals = append(vals, h.File, h.Hash)
			}
			checks(vals...)
		}
		if bi, err := parseIOSXESUDI(s); err == nil {
			checks(append(bi.SUDI, bi.SUDISignature)...)
		}
		if sigs, err := parseIOSXEAuthenticity(s); err == nil {
			for _, g := range sigs {
				checks(g.Section, g.File, g.ImageType, g.CommonName, g.KeyVersion, g.VerifierName, g.VerifierVersion)
			}
		}
	})
}

package audit_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"fwaudit/internal/attest"
	"fwaudit/internal/audit"
	"fwaudit/internal/facts"
	"fwaudit/internal/kgv"
)

var (
	boot0Hash  = strings.Repeat("1A", 32)
	loaderHash = strings.Repeat("2B", 64)
	osHash     = strings.Repeat("3C", 64)
)

// signer is a throwaway SUDI hierarchy: root → device.
type signer struct {
	roots *x509.CertPool
	chain []string
	key   *ecdsa.PrivateKey
}

func newSigner(t *testing.T) signer {
	t.Helper()
	rootKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	devKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	now := time.Now()
	root := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test root"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	rootDER, err := x509.CreateCertificate(rand.Reader, root, root, &rootKey.PublicKey, rootKey)
	require.NoError(t, err)
	rootCert, err := x509.ParseCertificate(rootDER)
	require.NoError(t, err)
	dev := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "C9300", SerialNumber: "PID:C9300 SN:X"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(time.Hour), KeyUsage: x509.KeyUsageDigitalSignature}
	devDER, err := x509.CreateCertificate(rand.Reader, dev, rootCert, &devKey.PublicKey, rootKey)
	require.NoError(t, err)
	pool := x509.NewCertPool()
	pool.AddCert(rootCert)
	pemOf := func(der []byte) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	}
	return signer{roots: pool, chain: []string{pemOf(rootDER), pemOf(devDER)}, key: devKey}
}

func (s signer) sign(t *testing.T, nonce string, body []byte) string {
	t.Helper()
	data, err := attest.SignedData(nonce, 1, body)
	require.NoError(t, err)
	d := sha256.Sum256(data)
	sig, err := ecdsa.SignASN1(rand.Reader, s.key, d[:])
	require.NoError(t, err)
	return strings.ToUpper(hex.EncodeToString(sig))
}

// evidence is a consistent, signed measurement set for nonce.
func (s signer) evidence(t *testing.T, nonce string) *facts.BootIntegrity {
	t.Helper()
	bi := &facts.BootIntegrity{Nonce: nonce, Boot0Hash: boot0Hash, LoaderHash: loaderHash,
		OSHashes: []facts.NamedHash{{File: goodImage, Hash: osHash}}, SignatureVersion: 1,
		SUDI: s.chain, SUDISignatureVersion: 1}
	var err error
	bi.PCR0, bi.PCR8, err = attest.PCRs(bi)
	require.NoError(t, err)
	body, err := attest.MeasurementBody(bi)
	require.NoError(t, err)
	bi.Signature = s.sign(t, nonce, body)
	chain, err := attest.SUDIBody(bi)
	require.NoError(t, err)
	bi.SUDISignature = s.sign(t, nonce, chain)
	return bi
}

func kgvSet(t *testing.T, hashes ...string) *kgv.Set {
	t.Helper()
	var es []string
	for i, h := range hashes {
		kind := []string{"boot0", "blr", "osimage"}[i%3]
		es = append(es, fmt.Sprintf(`{"dtype":%q,"platform":"C9300","biv_hash":%q}`, kind, h))
	}
	s, err := kgv.Parse([]byte(`{"header":{},"bulkHash":[` + strings.Join(es, ",") + `]}`))
	require.NoError(t, err)
	return s
}

func bivInput(bi *facts.BootIntegrity, k *kgv.Set, roots *x509.CertPool) audit.Input {
	f := cleanFacts()
	f.Integrity = bi
	in := input(f)
	in.KGV, in.SUDIRoots = k, roots
	return in
}

func TestBIV001_FiresWhenMeasurementNotKnownGood(t *testing.T) {
	s := newSigner(t)
	k := kgvSet(t, boot0Hash, strings.Repeat("99", 64), osHash) // loader differs
	fs := only(audit.Evaluate(bivInput(s.evidence(t, "5"), k, s.roots)), audit.BIV001)
	require.Len(t, fs, 1)
	require.Contains(t, fs[0].Observed, "boot loader")
	require.True(t, fs[0].Escalate)
}

func TestBIV001_QuietWhenAllKnownOrNoKGV(t *testing.T) {
	s := newSigner(t)
	k := kgvSet(t, boot0Hash, loaderHash, strings.ToLower(osHash))
	require.Empty(t, audit.Evaluate(bivInput(s.evidence(t, "5"), k, s.roots)), "clean evidence: no finding at all")
	require.Empty(t, only(audit.Evaluate(bivInput(s.evidence(t, "5"), nil, s.roots)), audit.BIV001))
}

func TestBIV002_FiresWhenSignatureChainOrNonceBad(t *testing.T) {
	s := newSigner(t)
	tests := []struct {
		name   string
		mutate func(bi *facts.BootIntegrity) *x509.CertPool
		want   string
	}{
		{"other-nonce", func(bi *facts.BootIntegrity) *x509.CertPool { bi.Nonce = "6"; return s.roots }, "does not verify"},
		{"untrusted-root", func(*facts.BootIntegrity) *x509.CertPool { return newSigner(t).roots }, "not trusted"},
		{"forged-pcr", func(bi *facts.BootIntegrity) *x509.CertPool {
			bi.PCR0 = strings.Repeat("00", 32)
			return s.roots
		}, "does not verify"},
		{"replayed-without-nonce", func(bi *facts.BootIntegrity) *x509.CertPool {
			body, _ := attest.MeasurementBody(bi)
			bi.Signature = s.sign(t, "", body)
			return s.roots
		}, "replayed"},
		{"no-signature", func(bi *facts.BootIntegrity) *x509.CertPool { bi.Signature = ""; return s.roots }, "no signature"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bi := s.evidence(t, "5")
			roots := tc.mutate(bi)
			fs := only(audit.Evaluate(bivInput(bi, nil, roots)), audit.BIV002)
			require.Len(t, fs, 1)
			require.Contains(t, fs[0].Evidence, tc.want)
		})
	}
}

func TestBIV002_QuietWhenValidOrNoRoots(t *testing.T) {
	s := newSigner(t)
	require.Empty(t, only(audit.Evaluate(bivInput(s.evidence(t, "5"), nil, s.roots)), audit.BIV002))
	bi := s.evidence(t, "5")
	bi.Nonce = "6"
	require.Empty(t, only(audit.Evaluate(bivInput(bi, nil, nil)), audit.BIV002), "no roots configured: not checked")
}

func TestBIV003_FiresWhenPCRDoesNotRecompute(t *testing.T) {
	s := newSigner(t)
	bi := s.evidence(t, "5")
	bi.LoaderHash = strings.Repeat("2C", 64) // printed hash is not what was measured
	fs := only(audit.Evaluate(bivInput(bi, nil, nil)), audit.BIV003)
	require.Len(t, fs, 1)
	require.Contains(t, fs[0].Observed, "PCR0")
}

func TestBIV003_QuietWhenPCRsRecompute(t *testing.T) {
	s := newSigner(t)
	require.Empty(t, only(audit.Evaluate(bivInput(s.evidence(t, "5"), nil, nil)), audit.BIV003))
}

package attest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/binary"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fwaudit/internal/facts"
)

var (
	// ErrSignature means a signature does not verify.
	ErrSignature = errors.New("signature does not verify")
	// ErrChain means the SUDI certificate chain does not lead to a trusted root.
	ErrChain = errors.New("certificate chain not trusted")
	// ErrIncomplete means a needed value was not reported.
	ErrIncomplete = errors.New("evidence incomplete")
)

// PCRs recomputes PCR0 (boot 0, then boot loader) and PCR8 (each OS hash in
// order): starting from 32 zero bytes, PCR = SHA-256(PCR ‖ SHA-256(hash
// bytes)). Empty results mean the inputs were not reported.
func PCRs(bi *facts.BootIntegrity) (pcr0, pcr8 string, err error) {
	if bi.Boot0Hash != "" && bi.LoaderHash != "" {
		p, err := extend(make([]byte, 32), bi.Boot0Hash, bi.LoaderHash)
		if err != nil {
			return "", "", err
		}
		pcr0 = strings.ToUpper(hex.EncodeToString(p))
	}
	if len(bi.OSHashes) > 0 {
		hs := make([]string, len(bi.OSHashes))
		for i, h := range bi.OSHashes {
			hs[i] = h.Hash
		}
		p, err := extend(make([]byte, 32), hs...)
		if err != nil {
			return "", "", err
		}
		pcr8 = strings.ToUpper(hex.EncodeToString(p))
	}
	return pcr0, pcr8, nil
}

func extend(pcr []byte, hexHashes ...string) ([]byte, error) {
	for _, h := range hexHashes {
		raw, err := hex.DecodeString(h)
		if err != nil || len(raw) == 0 {
			return nil, fmt.Errorf("%w: measurement %q is not hex", ErrIncomplete, h)
		}
		m := sha256.Sum256(raw)
		next := sha256.Sum256(append(append([]byte{}, pcr...), m[:]...))
		pcr = next[:]
	}
	return pcr, nil
}

// DeviceCert parses the SUDI chain (root first, device last) and verifies
// the device certificate against roots, with the chain's other
// certificates as intermediates. Roots the device sent are not trusted.
func DeviceCert(bi *facts.BootIntegrity, roots *x509.CertPool) (*x509.Certificate, error) {
	if len(bi.SUDI) == 0 {
		return nil, fmt.Errorf("%w: no SUDI certificate", ErrIncomplete)
	}
	certs := make([]*x509.Certificate, 0, len(bi.SUDI))
	for i, p := range bi.SUDI {
		blk, _ := pem.Decode([]byte(p))
		if blk == nil {
			return nil, fmt.Errorf("%w: certificate %d is not PEM", ErrChain, i+1)
		}
		c, err := x509.ParseCertificate(blk.Bytes)
		if err != nil {
			return nil, fmt.Errorf("%w: certificate %d: %w", ErrChain, i+1, err)
		}
		certs = append(certs, c)
	}
	dev := certs[len(certs)-1]
	inter := x509.NewCertPool()
	for _, c := range certs[:len(certs)-1] {
		inter.AddCert(c)
	}
	_, err := dev.Verify(x509.VerifyOptions{Roots: roots, Intermediates: inter,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrChain, err)
	}
	return dev, nil
}

// SignedData is what a BIV signature covers: nonce (8 bytes, big-endian;
// omitted when the request had none), version (4 bytes), then body.
func SignedData(nonce string, version uint32, body []byte) ([]byte, error) {
	var b []byte
	if nonce != "" {
		n, err := strconv.ParseUint(nonce, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%w: nonce %q", ErrIncomplete, nonce)
		}
		b = binary.BigEndian.AppendUint64(b, n)
	}
	b = binary.BigEndian.AppendUint32(b, version)
	return append(b, body...), nil
}

// MeasurementBody is PCR0 ‖ PCR8 as bytes.
func MeasurementBody(bi *facts.BootIntegrity) ([]byte, error) {
	p0, err0 := hex.DecodeString(bi.PCR0)
	p8, err8 := hex.DecodeString(bi.PCR8)
	if err0 != nil || err8 != nil || len(p0) == 0 || len(p8) == 0 {
		return nil, fmt.Errorf("%w: PCR0/PCR8 missing or not hex", ErrIncomplete)
	}
	return append(p0, p8...), nil
}

// SUDIBody is the DER of every certificate of the chain, in order.
func SUDIBody(bi *facts.BootIntegrity) ([]byte, error) {
	var b []byte
	for i, p := range bi.SUDI {
		blk, _ := pem.Decode([]byte(p))
		if blk == nil {
			return nil, fmt.Errorf("%w: certificate %d is not PEM", ErrChain, i+1)
		}
		b = append(b, blk.Bytes...)
	}
	return b, nil
}

// Verify checks sigHex over SHA-256(data) with pub: RSA PKCS#1 v1.5 (as
// Cisco devices sign) or ASN.1 ECDSA.
func Verify(pub crypto.PublicKey, data []byte, sigHex string) error {
	sig, err := hex.DecodeString(strings.TrimSpace(sigHex))
	if err != nil || len(sig) == 0 {
		return fmt.Errorf("%w: signature missing or not hex", ErrSignature)
	}
	d := sha256.Sum256(data)
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if err := rsa.VerifyPKCS1v15(k, crypto.SHA256, d[:], sig); err != nil {
			return fmt.Errorf("%w: %w", ErrSignature, err)
		}
		return nil
	case *ecdsa.PublicKey:
		if !ecdsa.VerifyASN1(k, d[:], sig) {
			return ErrSignature
		}
		return nil
	}
	return fmt.Errorf("%w: unsupported key type %T", ErrSignature, pub)
}

package lab

import (
	"cmp"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Boot integrity visibility (BIV) of the simulated devices: measurements
// derived from the device's model, ROMMON and running image, PCRs extended
// from them, and signatures by a per-device "SUDI" key under the lab's own
// test CA (root → SUDI CA → device), so an auditor can verify them with
// SUDIRootPEM as the trust anchor.

// Boot-integrity fleet knobs (DeviceSpec):
//   - biv_tamper: boot0 | loader | os — that stage measures differently
//     from the known-good value (an implant).
//   - biv_lies: print the known-good hashes while the PCRs and signature
//     cover the real (tampered) measurements.
//   - biv_signature: bad (signed by a key outside the chain) | stale (signed
//     over another nonce, as a replayed answer would be).

// LabBoot0Version is what every lab device prints as its Boot 0 version.
const LabBoot0Version = "F01144R16.216e68ad62019-02-13"

// BIVHashes are the known-good measurements of a lab device: what a KGV
// file lists for it.
type BIVHashes struct {
	Boot0, Loader string   // upper hex (SHA-256, SHA-512)
	OS            []string // upper hex, one per OS file
}

// KnownGoodBIV returns the known-good measurements of a resolved device.
func KnownGoodBIV(s DeviceSpec) BIVHashes {
	h := BIVHashes{Boot0: upperSHA256("boot0|" + s.Model), Loader: upperSHA512("blr|" + s.ROMMON)}
	h.OS = []string{strings.ToUpper(ImageSHA512(s.Image, imageSize(s)))}
	return h
}

func imageSize(s DeviceSpec) int64 {
	for _, f := range s.Files {
		if f.Name == s.Image {
			return f.Size
		}
	}
	return defaultFileSize
}

// measured is what the device's boot chain really measured.
func (p *profile) measured() BIVHashes {
	s := p.spec
	h := KnownGoodBIV(s)
	if sum, ok := imageSHAOf(p, s.Image); ok { // a running image deleted from flash still measured as booted
		h.OS = []string{strings.ToUpper(sum)}
	}
	switch s.BIVTamper {
	case "boot0":
		h.Boot0 = upperSHA256("boot0|" + s.Model + "|implant")
	case "loader":
		h.Loader = upperSHA512("blr|" + s.ROMMON + "|implant")
	case "os":
		h.OS = []string{upperSHA512("os|" + s.Image + "|implant")}
	}
	return h
}

func imageSHAOf(p *profile, name string) (string, bool) {
	for _, f := range p.files {
		if f.Name == name {
			return f.sha512, true
		}
	}
	return "", false
}

func upperSHA256(s string) string {
	b := sha256.Sum256([]byte(s))
	return strings.ToUpper(hex.EncodeToString(b[:]))
}

func upperSHA512(s string) string {
	b := sha512.Sum512([]byte(s))
	return strings.ToUpper(hex.EncodeToString(b[:]))
}

// pcrs extends from 32 zero bytes with SHA-256 of each measurement:
// PCR0 over boot 0 and the boot loader, PCR8 over the OS hashes.
func pcrs(h BIVHashes) ([]byte, []byte) {
	ext := func(pcr []byte, hexHash string) []byte {
		raw, _ := hex.DecodeString(hexHash)
		m := sha256.Sum256(raw)
		out := sha256.Sum256(append(append([]byte{}, pcr...), m[:]...))
		return out[:]
	}
	p0 := ext(ext(make([]byte, 32), h.Boot0), h.Loader)
	p8 := make([]byte, 32)
	for _, o := range h.OS {
		p8 = ext(p8, o)
	}
	return p0, p8
}

// showIntegrity is `show platform integrity [sign [nonce N]]`.
func showIntegrity(e *cmdEnv, args []string) string {
	s := e.p.spec
	real := e.p.measured()
	shown := real
	if s.BIVLies {
		shown = KnownGoodBIV(s)
	}
	p0, p8 := pcrs(real)
	var b strings.Builder
	fmt.Fprintf(&b, "Platform: %s\n", s.Model)
	fmt.Fprintf(&b, "Boot 0 Version: %s\n", LabBoot0Version)
	fmt.Fprintf(&b, "Boot 0 Hash: %s\n", shown.Boot0)
	fmt.Fprintf(&b, "Boot Loader Version: System Bootstrap, Version %s, RELEASE SOFTWARE\n", s.ROMMON)
	fmt.Fprintf(&b, "Boot Loader Hash: %s\n", shown.Loader)
	fmt.Fprintf(&b, "OS Version: %s\n", s.OSVersion)
	b.WriteString("OS Hashes:\n")
	for _, o := range shown.OS {
		fmt.Fprintf(&b, "%s: %s\n", s.Image, o)
	}
	fmt.Fprintf(&b, "PCR0: %X\nPCR8: %X\n", p0, p8)
	nonce, signed := signArgs(args)
	if !signed {
		return b.String() + "\n"
	}
	if s.BIVSignature == "stale" {
		nonce ^= 0x5a5a
	}
	data := append(sigHeader(nonce, 1), append(p0, p8...)...)
	fmt.Fprintf(&b, "Signature version: 1\nSignature:\n%s\n\n", e.p.sign(data))
	return b.String()
}

// showSUDI is `show platform sudi certificate [sign [nonce N]]`.
func showSUDI(e *cmdEnv, args []string) string {
	chain := sudiChain(e.p.spec)
	var b strings.Builder
	var signed []byte
	for _, der := range chain {
		b.Write(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
		signed = append(signed, der...)
	}
	nonce, ok := signArgs(args)
	if !ok {
		return b.String() + "\n"
	}
	if e.p.spec.BIVSignature == "stale" {
		nonce ^= 0x5a5a
	}
	data := append(sigHeader(nonce, 1), signed...)
	fmt.Fprintf(&b, "\nSignature version: 1\nSignature:\n%s\n\n", e.p.sign(data))
	return b.String()
}

// signArgs reads "sign [nonce N]" after the command words.
func signArgs(args []string) (uint64, bool) {
	if len(args) == 3 && args[0] == "sign" && args[1] == "nonce" {
		n, err := strconv.ParseUint(args[2], 10, 64)
		return n, err == nil
	}
	return 0, len(args) == 1 && args[0] == "sign"
}

// sigHeader is the 8-byte big-endian nonce and the 4-byte version.
func sigHeader(nonce uint64, version uint32) []byte {
	b := make([]byte, 12)
	binary.BigEndian.PutUint64(b, nonce)
	binary.BigEndian.PutUint32(b[8:], version)
	return b
}

// sign signs SHA-256(data) with the device's SUDI key (or, for
// biv_signature: bad, a key no certificate vouches for), ASN.1 ECDSA, hex.
func (p *profile) sign(data []byte) string {
	key := labKey("sudi|" + p.spec.Name)
	if p.spec.BIVSignature == "bad" {
		key = labKey("rogue|" + p.spec.Name)
	}
	d := sha256.Sum256(data)
	sig, err := ecdsa.SignASN1(rand.Reader, key, d[:])
	if err != nil {
		panic("lab: ecdsa sign: " + err.Error()) // P-256 with a valid key cannot fail
	}
	return strings.ToUpper(hex.EncodeToString(sig))
}

// labKey derives a P-256 key from a label: the same label gives the same key
// in every process, so a root exported once stays valid.
func labKey(label string) *ecdsa.PrivateKey {
	for i := 0; ; i++ {
		d := sha256.Sum256([]byte("fwaudit-lab|" + label + "|" + strconv.Itoa(i)))
		k, err := ecdsa.ParseRawPrivateKey(elliptic.P256(), d[:])
		if err == nil {
			return k
		}
	}
}

// The test CA, built once per process.
var (
	caOnce          sync.Once
	rootDER, subDER []byte
	rootCert        *x509.Certificate
	subCert         *x509.Certificate
	deviceCerts     sync.Map // device name + model + serial → DER
)

var certEpoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func buildCA() {
	caOnce.Do(func() {
		rootKey, subKey := labKey("root"), labKey("sudi-ca")
		root := &x509.Certificate{
			SerialNumber: big.NewInt(1), Subject: pkix.Name{Organization: []string{"fwaudit lab"}, CommonName: "fwaudit lab Root CA"},
			NotBefore: certEpoch, NotAfter: certEpoch.AddDate(75, 0, 0), IsCA: true, BasicConstraintsValid: true,
			KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		}
		rootDER = mustCert(root, root, &rootKey.PublicKey, rootKey)
		rootCert, _ = x509.ParseCertificate(rootDER)
		sub := &x509.Certificate{
			SerialNumber: big.NewInt(2), Subject: pkix.Name{Organization: []string{"fwaudit lab"}, CommonName: "fwaudit lab SUDI CA"},
			NotBefore: certEpoch, NotAfter: certEpoch.AddDate(75, 0, 0), IsCA: true, BasicConstraintsValid: true,
			MaxPathLenZero: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		}
		subDER = mustCert(sub, rootCert, &subKey.PublicKey, rootKey)
		subCert, _ = x509.ParseCertificate(subDER)
	})
}

func mustCert(tmpl, parent *x509.Certificate, pub *ecdsa.PublicKey, key *ecdsa.PrivateKey) []byte {
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, pub, key)
	if err != nil {
		panic("lab: test CA: " + err.Error()) // fixed templates and keys: a programmer error
	}
	return der
}

// sudiChain is root, SUDI CA and the device certificate (DER), as the
// device prints them.
func sudiChain(s DeviceSpec) [][]byte {
	buildCA()
	id := s.Name + "|" + s.Model + "|" + s.Serial
	if der, ok := deviceCerts.Load(id); ok {
		return [][]byte{rootDER, subDER, der.([]byte)}
	}
	key := labKey("sudi|" + s.Name)
	h := sha256.Sum256([]byte(id))
	tmpl := &x509.Certificate{
		SerialNumber: new(big.Int).SetBytes(h[:8]),
		Subject: pkix.Name{Organization: []string{"fwaudit lab"}, OrganizationalUnit: []string{"ACT-2 Lite SUDI"},
			CommonName: s.Model, SerialNumber: "PID:" + s.Model + " SN:" + s.Serial},
		NotBefore: certEpoch, NotAfter: certEpoch.AddDate(75, 0, 0),
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	der := mustCert(tmpl, subCert, &key.PublicKey, labKey("sudi-ca"))
	actual, _ := deviceCerts.LoadOrStore(id, der)
	return [][]byte{rootDER, subDER, actual.([]byte)}
}

// SUDIRootPEM is the lab test CA's root certificate: the trust anchor to
// give an auditor (--sudi-roots) for lab devices.
func SUDIRootPEM() []byte {
	buildCA()
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: rootDER})
}

// showAuthenticity is `show software authenticity running`.
func showAuthenticity(e *cmdEnv, _ []string) string {
	s := e.p.spec
	typ, cn := "Production", "CiscoSystems"
	if s.ImageType != "" {
		typ = s.ImageType
	}
	if !strings.EqualFold(typ, "Production") {
		cn = "CiscoSystems Special"
	}
	return fmt.Sprintf(`PACKAGE %s
Image type                : %s
    Signer Information
        Common Name       : %s
        Organization Unit : %s
        Organization Name : CiscoSystems
    Certificate Serial Number : 5A1B2C3D
    Hash Algorithm        : SHA512
    Signature Algorithm   : 2048-bit RSA
    Key Version           : A

SYSTEM IMAGE
-------------------
Image type                : %s
    Signer Information
        Common Name       : %s
        Organization Unit : %s
        Organization Name : CiscoSystems
    Certificate Serial Number : 5A1B2C3D
    Hash Algorithm        : SHA512
    Signature Algorithm   : 2048-bit RSA
    Key Version           : A
    Verifier Information
        Verifier Name     : ROMMON 0
        Verifier Version  : System Bootstrap, Version %s, RELEASE SOFTWARE

`, s.Image, typ, cn, s.Model, typ, cn, s.Model, s.ROMMON)
}

// KnownGoodJSON writes the known-good values of every device of the fleet
// as a Cisco KGV file (bulkHash layout): what an operator would download
// from Cisco for these builds. Tampering knobs do not change it.
func (f *Fleet) KnownGoodJSON() ([]byte, error) {
	type entry struct {
		DType    string `json:"dtype"`
		Platform string `json:"platform"`
		Version  string `json:"version"`
		Filename string `json:"filename,omitempty"`
		SHA512   string `json:"sha512,omitempty"`
		BIVHash  string `json:"biv_hash"`
	}
	seen := map[entry]bool{}
	var out []entry
	add := func(e entry) {
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	for i := range f.Devices {
		s := f.Resolved(i)
		h := KnownGoodBIV(s)
		add(entry{DType: "boot0", Platform: s.Model, Version: LabBoot0Version, BIVHash: h.Boot0})
		add(entry{DType: "blr", Platform: s.Model, Version: s.ROMMON, BIVHash: h.Loader})
		add(entry{DType: "osimage", Platform: s.Model, Version: s.OSVersion, Filename: s.Image,
			SHA512: strings.ToLower(h.OS[0]), BIVHash: h.OS[0]})
	}
	slices.SortFunc(out, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.DType, b.DType), cmp.Compare(a.Platform, b.Platform),
			cmp.Compare(a.Version, b.Version), cmp.Compare(a.BIVHash, b.BIVHash))
	})
	doc := map[string]any{
		"header": map[string]string{"version": "fwaudit-lab-1", "timestamp": "2026.01.01.00.00.00",
			"copyright": "fwaudit lab: simulated values, not Cisco data", "dataClassification": "Public"},
		"bulkHash": out,
	}
	return json.MarshalIndent(doc, "", "  ")
}

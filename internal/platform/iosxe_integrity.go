package platform

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fwaudit/internal/facts"
	"fwaudit/internal/textsafe"
)

// Boot-integrity commands; the nonce is appended (decimal).
const (
	IOSXEIntegritySign = "show platform integrity sign nonce "
	IOSXESUDISign      = "show platform sudi certificate sign nonce "
)

// errIntegrity means a boot-integrity output was present but not usable.
var errIntegrity = errors.New("boot integrity output not understood")

// Bounds on what one output may make us keep.
const (
	maxOSHashes  = 64
	maxSigHex    = 2048 // 8192-bit RSA
	maxCerts     = 4
	maxCertBytes = 8 << 10
)

// IOSXEIntegrityCommands are the signed boot-integrity commands for nonce.
// They are not among CiscoIOSXE.Commands: the nonce must be fresh and
// unpredictable for every audit.
func IOSXEIntegrityCommands(nonce string) []string {
	return []string{IOSXEIntegritySign + nonce, IOSXESUDISign + nonce}
}

// ParseIOSXEIntegrity finds the signed integrity and SUDI outputs in out
// (keyed by the commands, which carry the nonce) and parses them. It
// returns nil when neither is present.
func ParseIOSXEIntegrity(out Outputs) (*facts.BootIntegrity, error) {
	var bi *facts.BootIntegrity
	var errs []error
	for cmd, s := range out {
		if n, ok := strings.CutPrefix(cmd, IOSXEIntegritySign); ok {
			m, err := ParseIOSXEPlatformIntegrity(s)
			errs = append(errs, err)
			bi = mergeIntegrity(bi, m, n)
		}
	}
	for cmd, s := range out {
		if n, ok := strings.CutPrefix(cmd, IOSXESUDISign); ok {
			sudi, err := parseIOSXESUDI(s)
			errs = append(errs, err)
			if bi == nil {
				bi = &facts.BootIntegrity{Nonce: nonceField(n)}
			}
			bi.SUDI, bi.SUDISignatureVersion, bi.SUDISignature = sudi.SUDI, sudi.SUDISignatureVersion, sudi.SUDISignature
		}
	}
	return bi, errors.Join(errs...)
}

func mergeIntegrity(bi *facts.BootIntegrity, m facts.BootIntegrity, nonce string) *facts.BootIntegrity {
	m.Nonce = nonceField(nonce)
	if bi != nil {
		m.SUDI, m.SUDISignatureVersion, m.SUDISignature = bi.SUDI, bi.SUDISignatureVersion, bi.SUDISignature
	}
	return &m
}

func nonceField(n string) string {
	if _, err := strconv.ParseUint(n, 10, 64); err != nil {
		return ""
	}
	return n
}

// ParseIOSXEPlatformIntegrity parses `show platform integrity [sign [nonce N]]`:
//
//	Platform: ISR4321/K9
//	Boot 0 Version: F01023R12.1817bb4af2014-05-23
//	Boot 0 Hash: B29E…
//	Boot Loader Version: 16.2(2r)
//	Boot Loader Hash: 5B02…            (or on the next line)
//	OS Version: 16.03.01
//	OS Hash: 4DDC…                     (or "OS Hashes:" then "<file>: <hex>" lines)
//	PCR0: 2D42…
//	PCR8: 6ADD…
//	Signature version: 1
//	Signature:
//	6E4D…                              (hex, possibly wrapped)
//
// Hex is upper-cased and joined across wrapped lines; exec banners and
// CRLF are tolerated. "% Error …" is an error; "% Invalid input" is
// ErrUnsupported.
func ParseIOSXEPlatformIntegrity(s string) (facts.BootIntegrity, error) {
	var bi facts.BootIntegrity
	p := &intParser{bi: &bi}
	eachLine(s, func(line string) bool {
		p.line(strings.TrimSpace(line))
		return p.err == nil
	})
	switch {
	case p.err != nil:
		return facts.BootIntegrity{}, p.err
	case bi.PCR0 == "" && bi.Boot0Hash == "" && bi.LoaderHash == "" && len(bi.OSHashes) == 0:
		if unsupported(s) {
			return bi, fmt.Errorf("parse show platform integrity: %w", ErrUnsupported)
		}
		return bi, fmt.Errorf("parse show platform integrity: %w: no measurements", errIntegrity)
	}
	return bi, nil
}

// intParser is the state of ParseIOSXEPlatformIntegrity: which value a
// continuation line of hex belongs to.
type intParser struct {
	bi   *facts.BootIntegrity
	cont *string // hex value being continued on the next lines
	osIn bool    // inside "OS Hashes:"
	err  error
}

func (p *intParser) line(l string) {
	if l == "" || hasPrefixFold(l, "Load for ") || hasPrefixFold(l, "Time source is") {
		return
	}
	if strings.HasPrefix(l, "%") {
		if !strings.Contains(l, "Invalid input") && !strings.Contains(l, "Please Try After") {
			p.err = fmt.Errorf("parse show platform integrity: %w: device said %q", errIntegrity, textsafe.Clean(l, 120))
		}
		return
	}
	if p.cont != nil && isHexFold(l) {
		if len(*p.cont)+len(l) > maxSigHex {
			p.err = fmt.Errorf("parse show platform integrity: %w: hex value longer than %d", errIntegrity, maxSigHex)
			return
		}
		*p.cont += strings.ToUpper(l)
		return
	}
	key, val, ok := strings.Cut(l, ":")
	if !ok {
		p.cont = nil
		return
	}
	val = strings.TrimSpace(val)
	b := p.bi
	switch strings.ToLower(strings.TrimSpace(key)) {
	case "platform":
		b.Platform, p.osIn = field(val), false
	case "boot 0 version":
		b.Boot0Version, p.osIn = field(val), false
	case "boot loader version":
		b.LoaderVersion, p.osIn = field(val), false
	case "os version":
		b.OSVersion, p.osIn = field(val), false
	case "boot 0 hash":
		p.hex(&b.Boot0Hash, val)
	case "boot loader hash":
		p.hex(&b.LoaderHash, val)
	case "os hash":
		b.OSHashes = append(b.OSHashes, facts.NamedHash{})
		p.hex(&b.OSHashes[len(b.OSHashes)-1].Hash, val)
	case "os hashes":
		p.osIn, p.cont = true, nil
	case "pcr0":
		p.osIn = false
		p.hex(&b.PCR0, val)
	case "pcr8":
		p.osIn = false
		p.hex(&b.PCR8, val)
	case "signature version":
		v, _ := strconv.ParseUint(firstToken(val), 10, 32)
		b.SignatureVersion, p.osIn, p.cont = uint32(v), false, nil
	case "signature":
		p.osIn = false
		p.hex(&b.Signature, val)
	default:
		p.osLine(key, val)
	}
}

// osLine takes "<file>: <hex>" (or "<file>:" with the hex on the next
// line) inside "OS Hashes:".
func (p *intParser) osLine(key, val string) {
	if !p.osIn || strings.ContainsAny(key, " \t") {
		p.cont = nil
		return
	}
	if len(p.bi.OSHashes) == maxOSHashes {
		p.err = fmt.Errorf("parse show platform integrity: %w: more than %d OS hashes", errIntegrity, maxOSHashes)
		return
	}
	p.bi.OSHashes = append(p.bi.OSHashes, facts.NamedHash{File: field(key)})
	p.hex(&p.bi.OSHashes[len(p.bi.OSHashes)-1].Hash, val)
}

// hex sets *dst from val (possibly empty: the hex follows on the next
// lines) and continues it on following hex-only lines.
func (p *intParser) hex(dst *string, val string) {
	val = firstToken(val)
	if val != "" && !isHexFold(val) {
		p.err = fmt.Errorf("parse show platform integrity: %w: %q is not hex", errIntegrity, textsafe.Clean(val, 40))
		return
	}
	if len(val) > maxSigHex {
		p.err = fmt.Errorf("parse show platform integrity: %w: hex value longer than %d", errIntegrity, maxSigHex)
		return
	}
	*dst = strings.ToUpper(val)
	p.cont = dst
}

func isHexFold(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// parseIOSXESUDI parses `show platform sudi certificate sign nonce N`: PEM
// certificate blocks (root, sub-CA, device), then "Signature version:" and
// "Signature:" with hex. Only BEGIN/END CERTIFICATE blocks of base64 lines
// are kept; at most maxCerts of at most maxCertBytes each.
func parseIOSXESUDI(s string) (facts.BootIntegrity, error) {
	var bi facts.BootIntegrity
	var cur *strings.Builder
	sig := &intParser{bi: &facts.BootIntegrity{}}
	var err error
	eachLine(s, func(line string) bool {
		l := strings.TrimSpace(line)
		switch {
		case l == "-----BEGIN CERTIFICATE-----":
			cur = &strings.Builder{}
			cur.WriteString(l + "\n")
		case l == "-----END CERTIFICATE-----" && cur != nil:
			cur.WriteString(l + "\n")
			if len(bi.SUDI) == maxCerts {
				err = fmt.Errorf("parse show platform sudi: %w: more than %d certificates", errIntegrity, maxCerts)
				return false
			}
			bi.SUDI = append(bi.SUDI, cur.String())
			cur = nil
		case cur != nil:
			if !isBase64(l) || cur.Len()+len(l) > maxCertBytes {
				err = fmt.Errorf("parse show platform sudi: %w: bad certificate line", errIntegrity)
				return false
			}
			cur.WriteString(l + "\n")
		default:
			sig.line(l)
			err = sig.err
		}
		return err == nil
	})
	if err != nil {
		return facts.BootIntegrity{}, err
	}
	if len(bi.SUDI) == 0 {
		if unsupported(s) {
			return bi, fmt.Errorf("parse show platform sudi: %w", ErrUnsupported)
		}
		return bi, fmt.Errorf("parse show platform sudi: %w: no certificate", errIntegrity)
	}
	bi.SUDISignatureVersion, bi.SUDISignature = sig.bi.SignatureVersion, sig.bi.Signature
	return bi, nil
}

func isBase64(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=') {
			return false
		}
	}
	return s != ""
}
